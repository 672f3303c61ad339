package io.ocrbatch.api.intake;

import io.ocrbatch.activities.storage.StorageSettings;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** SQS clients from the same settings as S3: region, credentials chain, endpoint override. */
public final class SqsClients {
  private SqsClients() {}

  public static SqsClient create(StorageSettings settings) {
    SqsClientBuilder builder =
        SqsClient.builder()
            .region(Region.of(settings.region()))
            .credentialsProvider(settings.credentials())
            .httpClientBuilder(
                Apache5HttpClient.builder().socketTimeout(java.time.Duration.ofSeconds(30)));
    if (settings.sqsEndpoint() != null) builder.endpointOverride(settings.sqsEndpoint());
    return builder.build();
  }
}
