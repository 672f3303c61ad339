package io.ocrbatch.api.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ocrbatch.api.JobService;
import io.ocrbatch.api.intake.IntakeMeters;
import io.ocrbatch.api.intake.IntakeSettings;
import io.ocrbatch.api.intake.SqsClients;
import io.ocrbatch.api.intake.SqsIntake;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The HTTP face (REST, SSE, OpenAPI, health, the web page) over a {@link JobService} built by the
 * caller: {@code server} with a remote Temporal, {@code dev} with the embedded one.
 */
public final class ApiServer implements AutoCloseable {
  static final int MAX_PART_HEADER_BYTES = 8192;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiServer.class);
  private final ConfigurableApplicationContext context;
  private final SqsIntake intake;

  private ApiServer(ConfigurableApplicationContext context, SqsIntake intake) {
    this.context = context;
    this.intake = intake;
  }

  public static ApiServer start(JobService jobs, ApiSettings settings) {
    return start(jobs, settings, null);
  }

  public static ApiServer start(
      JobService jobs, ApiSettings settings, IntakeSettings intakeOrNull) {
    return start(jobs, settings, intakeOrNull, null);
  }

  /**
   * The API, and the SQS intake listener when {@code intakeOrNull} names a queue. {@code
   * /actuator/prometheus} exports {@code metricsOrNull} (the process's registry, which the worker
   * and Temporal's SDK report to), else a registry of the API's own.
   */
  public static ApiServer start(
      JobService jobs,
      ApiSettings settings,
      IntakeSettings intakeOrNull,
      PrometheusMeterRegistry metricsOrNull) {
    return start(jobs, settings, intakeOrNull, metricsOrNull, null);
  }

  /** The same, showing {@code embeddedOrNull} (the database a {@code dev} runs) in the health. */
  public static ApiServer start(
      JobService jobs,
      ApiSettings settings,
      IntakeSettings intakeOrNull,
      PrometheusMeterRegistry metricsOrNull,
      io.ocrbatch.activities.statusdb.EmbeddedDatabase embeddedOrNull) {
    // Logging is configured by the process (logback.xml); Spring Boot must not re-initialise it.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    if (!org.slf4j.bridge.SLF4JBridgeHandler
        .isInstalled()) { // Tomcat logs through java.util.logging
      org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
      org.slf4j.bridge.SLF4JBridgeHandler.install();
    }
    long maxBytes = settings.maxUploadBytes();
    Map<String, Object> properties =
        Map.ofEntries(
            Map.entry(
                "spring.config.name",
                "ocrbatch-api"), // no application.properties of any jar on the classpath
            Map.entry("server.port", settings.port()),
            Map.entry("server.address", settings.bindAddress()),
            Map.entry("spring.servlet.multipart.max-file-size", maxBytes + "B"),
            Map.entry("spring.servlet.multipart.max-request-size", (maxBytes + 1024 * 1024) + "B"),
            Map.entry(
                "spring.servlet.multipart.location", settings.dataDir().resolve("tmp").toString()),
            Map.entry("server.tomcat.max-swallow-size", "-1"),
            // room for long file names in a part's headers (Tibetan takes 3 bytes a letter);
            // Tomcat's default is 512 bytes
            Map.entry(
                "server.tomcat.max-part-header-size",
                MAX_PART_HEADER_BYTES + "B"), // read an oversized upload so the client sees the 413
            Map.entry("spring.mvc.async.request-timeout", "-1"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
            // the token check is ApiSecurity's; no generated user and password
            Map.entry(
                "spring.autoconfigure.exclude",
                "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration"),
            Map.entry("management.endpoint.health.show-details", "always"),
            Map.entry("springdoc.swagger-ui.path", "/swagger-ui.html"),
            Map.entry("springdoc.api-docs.path", "/v3/api-docs"),
            Map.entry("spring.main.register-shutdown-hook", "false"));
    try {
      java.nio.file.Files.createDirectories(settings.dataDir().resolve("tmp"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "cannot create " + settings.dataDir().resolve("tmp") + ": " + e.getMessage(), e);
    }
    if (settings.reachableFromOtherHosts() && !settings.authRequired()) {
      log.warn(
          "WARNING: the API listens on {}, reachable from other hosts, WITHOUT authentication: anyone who reaches port {} can"
              + " submit, cancel and read jobs. Set OCRBATCH_API_TOKENS, or bind to 127.0.0.1.",
          settings.bindAddress(),
          settings.port());
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(ApiApplication.class)
            .bannerMode(Banner.Mode.OFF)
            .logStartupInfo(false)
            .web(WebApplicationType.SERVLET)
            .properties(properties)
            .initializers(
                ctx -> {
                  ctx.getBeanFactory().registerSingleton("jobService", jobs);
                  ctx.getBeanFactory().registerSingleton("apiSettings", settings);
                  if (embeddedOrNull != null)
                    ctx.getBeanFactory()
                        .registerSingleton(
                            "embeddedDatabase", new EmbeddedDatabaseHealth(embeddedOrNull));
                  if (metricsOrNull != null) { // Spring's actuator then exports this one
                    ctx.getBeanFactory()
                        .registerSingleton("prometheusMeterRegistry", metricsOrNull);
                    ctx.getBeanFactory()
                        .registerSingleton(
                            "prometheusRegistry", metricsOrNull.getPrometheusRegistry());
                  }
                })
            .run();
    SqsIntake intake = null;
    if (intakeOrNull != null) {
      try {
        intake =
            new SqsIntake(SqsClients.create(intakeOrNull.aws()), intakeOrNull, jobs, jobs.volumes())
                .start();
        IntakeMeters.bind(
            intake, context.getBean(io.micrometer.core.instrument.MeterRegistry.class));
      } catch (RuntimeException e) {
        context.close();
        throw e;
      }
    }
    return new ApiServer(context, intake);
  }

  /** The SQS intake listener, if one runs. */
  public java.util.Optional<SqsIntake> intake() {
    return java.util.Optional.ofNullable(intake);
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** The base URL local clients use. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    if (intake != null) intake.close();
    context.close();
  }
}
