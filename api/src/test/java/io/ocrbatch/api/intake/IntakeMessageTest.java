package io.ocrbatch.api.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeMessageTest {

  @Test
  void bdrcBodiesAddOneVolumeWithTheDefaultJobType() throws Exception {
    assertThat(
            IntakeMessage.parse(
                "{\"w_id\": \"W22084\", \"i_id\": \"I0886\"}", "tesseract-bod-unicode"))
        .isEqualTo(
            new IntakeMessage.AddVolume("tesseract-bod-unicode", "W22084", "I0886", null, 3));
    assertThat(
            IntakeMessage.parse(
                "{\"w_id\":\"W1\",\"i_id\":\"I1\",\"job_type\":\"t\",\"job_key\":\"k\",\"priority\":1}",
                "d"))
        .isEqualTo(new IntakeMessage.AddVolume("t", "W1", "I1", "k", 1));
  }

  @Test
  void wholeJobBodies() throws Exception {
    assertThat(
            IntakeMessage.parse(
                "{\"job_type\":\"t\",\"volumes\":[\"W1-I1\",\"s3://b/p/\"],\"job_key\":\"K1\",\"force\":true}",
                "d"))
        .isEqualTo(
            new IntakeMessage.WholeJob("t", List.of("W1-I1", "s3://b/p/"), "K1", 3, true, null));
  }

  @Test
  void garbageIsRefusedWithTheReason() {
    assertThatThrownBy(() -> IntakeMessage.parse("hello", "d")).hasMessageContaining("not JSON");
    assertThatThrownBy(() -> IntakeMessage.parse("[1]", "d"))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> IntakeMessage.parse("{\"w_id\":\"W1\"}", "d"))
        .hasMessageContaining("both w_id and i_id");
    assertThatThrownBy(() -> IntakeMessage.parse("{\"w_id\":\"W1\",\"i_id\":7}", "d"))
        .hasMessageContaining("i_id must be a non-empty string");
    assertThatThrownBy(() -> IntakeMessage.parse("{\"volumes\":[]}", "d"))
        .hasMessageContaining("non-empty array");
    assertThatThrownBy(
            () -> IntakeMessage.parse("{\"w_id\":\"W1\",\"i_id\":\"I1\",\"priority\":9}", "d"))
        .hasMessageContaining("priority");
    assertThatThrownBy(
            () -> IntakeMessage.parse("{\"w_id\":\"W1\",\"i_id\":\"I1\",\"priority\":2.7}", "d"))
        .as("a fraction is not read as 2")
        .hasMessageContaining("priority must be a whole number");
    assertThatThrownBy(() -> IntakeMessage.parse("{\"foo\":1}", "d"))
        .hasMessageContaining("expected");
    assertThatThrownBy(() -> IntakeMessage.parse("", "d"))
        .isInstanceOf(IntakeMessage.Unreadable.class);
  }
}
