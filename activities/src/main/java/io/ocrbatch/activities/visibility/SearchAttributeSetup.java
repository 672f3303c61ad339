package io.ocrbatch.activities.visibility;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ocrbatch.workflows.JobSearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link JobSearchAttributes} with the Temporal service through its operator service, on
 * the embedded service and on a cluster alike. A service that refuses (no permission, no operator
 * service, the namespace's attribute limit) is logged once and jobs run without attributes: an
 * unregistered attribute would make every job start fail.
 */
public final class SearchAttributeSetup {
  private static final Logger log = LoggerFactory.getLogger(SearchAttributeSetup.class);

  private final WorkflowClient client;
  private volatile Boolean registered; // null: not tried yet

  public SearchAttributeSetup(WorkflowClient client) {
    this.client = client;
  }

  /** Whether the attributes are registered; tries once, the first time it is asked. */
  public boolean registered() {
    Boolean known = registered;
    if (known == null) {
      synchronized (this) {
        if (registered == null) registered = register();
        known = registered;
      }
    }
    return known;
  }

  private boolean register() {
    String namespace = client.getOptions().getNamespace();
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(client.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
    try {
      for (SearchAttributeKey<?> key : JobSearchAttributes.ALL) {
        try {
          operator
              .blockingStub()
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .addSearchAttributes(
                  AddSearchAttributesRequest.newBuilder()
                      .setNamespace(namespace)
                      .putSearchAttributes(key.getName(), key.getValueType())
                      .build());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) throw e;
        }
      }
      log.info("Search attributes registered in namespace {}: {}", namespace, names());
      return true;
    } catch (RuntimeException e) {
      log.warn(
          "Jobs run without search attributes: the Temporal service did not register {} in"
              + " namespace {} ({}). Register them with `temporal operator search-attribute create`"
              + " (see the README) and restart.",
          names(),
          namespace,
          e.getMessage());
      return false;
    } finally {
      operator.shutdownNow();
    }
  }

  private static String names() {
    return String.join(
        ", ", JobSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList());
  }
}
