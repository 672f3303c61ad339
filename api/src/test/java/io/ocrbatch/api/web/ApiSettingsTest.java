package io.ocrbatch.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiSettingsTest {
  @Test
  void theApiListensOnThisMachineOnlyUnlessToldOtherwise() {
    ApiSettings settings = ApiSettings.fromEnvironment(8080, Path.of("data"), Map.of());
    assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(settings.reachableFromOtherHosts()).isFalse();
    assertThat(settings.withBindAddress("0.0.0.0").reachableFromOtherHosts()).isTrue();
    assertThat(settings.withBindAddress("::1").reachableFromOtherHosts()).isFalse();
  }

  @Test
  void rootsDefaultToTheWorkingAndDataFoldersAndComeFromTheEnvironment() {
    Path data = Path.of("data").toAbsolutePath();
    ApiSettings defaults = ApiSettings.fromEnvironment(8080, data, Map.of());
    assertThat(defaults.roots().inputs().describe())
        .contains(Path.of("").toAbsolutePath().toString())
        .contains(data.toString());
    ApiSettings set =
        ApiSettings.fromEnvironment(
            8080,
            data,
            Map.of(
                "OCRBATCH_INPUT_ROOTS",
                "/srv/scans, s3://archive",
                "OCRBATCH_OUTPUT_ROOTS",
                "s3://results/ocr"));
    assertThat(set.roots().inputs().describe()).isEqualTo("/srv/scans, s3://archive/");
    assertThat(set.roots().outputs().describe()).isEqualTo("s3://results/ocr");
  }
}
