package io.ocrbatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocrbatch.activities.intake.JobKeys;
import io.ocrbatch.workflows.VolumeRef;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobKeysTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 22);
  private static final VolumeRef A = new VolumeRef("a", "file:///scans/a/");
  private static final VolumeRef B = new VolumeRef("b", "file:///scans/b/");

  @Test
  void keysCarryTheDayAndDoNotDependOnVolumeOrder() {
    String key = JobKeys.generate(DAY, "tesseract-eng", List.of(A, B));
    assertThat(key).matches("J20261122_[0-9a-f]{8}");
    assertThat(JobKeys.generate(DAY, "tesseract-eng", List.of(B, A))).isEqualTo(key);
  }

  @Test
  void otherVolumesOrAnotherJobTypeGiveAnotherKey() {
    String key = JobKeys.generate(DAY, "tesseract-eng", List.of(A, B));
    assertThat(JobKeys.generate(DAY, "tesseract-eng", List.of(A))).isNotEqualTo(key);
    assertThat(JobKeys.generate(DAY, "tesseract-bod-unicode", List.of(A, B))).isNotEqualTo(key);
    assertThat(JobKeys.generate(DAY.plusDays(1), "tesseract-eng", List.of(A, B))).isNotEqualTo(key);
  }

  @Test
  void callerKeysMustBeUsableAsWorkflowIds() {
    assertThat(JobKeys.validate("BDRC-2026_11:batch.1")).isEqualTo("BDRC-2026_11:batch.1");
    assertThatThrownBy(() -> JobKeys.validate("../etc"))
        .hasMessageContaining("invalid job key '../etc'");
    assertThatThrownBy(() -> JobKeys.validate("has space")).hasMessageContaining("invalid job key");
  }
}
