package io.ocrbatch.api.web;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Spring Boot's configuration root; beans come from this package, the pipeline registry's, and
 * {@link ApiServer}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
    excludeName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration"
    })
@ComponentScan(
    basePackages = {"io.ocrbatch.api.web", "io.ocrbatch.api.files", "io.ocrbatch.api.pipeline"})
@EnableScheduling
public class ApiApplication {
  @org.springframework.context.annotation.Bean
  com.fasterxml.jackson.databind.ObjectMapper objectMapper() {
    return PlainNumbers.strict(io.ocrbatch.api.ApiJson.MAPPER.copy());
  }
}
