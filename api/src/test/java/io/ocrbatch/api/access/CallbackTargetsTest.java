package io.ocrbatch.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The address check alone: address literals are parsed, never contacted, and names resolve through
 * a stand-in.
 */
class CallbackTargetsTest {
  private final CallbackTargets strict = CallbackTargets.allowing(null);

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:8080/hook | loopback",
        "http://127.8.9.10/hook | loopback",
        "http://[::1]:8080/hook | loopback",
        "http://localhost:8080/hook | loopback",
        "http://169.254.169.254/latest/meta-data/ | link-local",
        "http://[fe80::1]/hook | link-local",
        "http://10.1.2.3/hook | private",
        "http://172.16.0.1/hook | private",
        "http://172.31.255.255/hook | private",
        "http://192.168.1.1/hook | private",
        "http://100.64.0.1/hook | carrier-grade NAT",
        "http://0.0.0.0:8080/hook | unspecified",
        "http://[::]/hook | unspecified",
        "http://0.1.2.3/hook | 'this network'",
        "http://[fd00::1]/hook | unique-local",
        "http://[::ffff:127.0.0.1]/hook | loopback",
        "http://[::ffff:169.254.169.254]/hook | link-local",
        "http://224.0.0.1/hook | multicast",
        "http://240.0.0.1/hook | reserved",
        "http://198.18.0.1/hook | benchmarking",
        "http://192.0.2.1/hook | documentation",
        "http://[2001:db8::1]/hook | documentation",
      })
  void internalAddressesAreRefused(String url, String reason) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("OCRBATCH_CALLBACK_ALLOW");
  }

  @ParameterizedTest
  @CsvSource({
    "http://93.184.216.34/hook",
    "https://8.8.8.8:8443/x",
    "http://[2606:4700::1111]/hook"
  })
  void publicAddressesAreAccepted(String url) {
    assertThat(strict.check(url)).isEqualTo(url);
  }

  @Test
  void namesAreJudgedByEveryAddressTheyResolveTo() {
    CallbackTargets policy =
        CallbackTargets.allowing(
            null,
            host ->
                switch (host) {
                  case "hook.example" ->
                      new InetAddress[] {literal("93.184.216.34"), literal("10.0.0.7")};
                  case "public.example" -> new InetAddress[] {literal("93.184.216.34")};
                  default -> throw new UnknownHostException(host);
                });
    assertThatThrownBy(() -> policy.check("https://hook.example/x"))
        .hasMessageContaining("resolves to 10.0.0.7, a private address");
    assertThat(policy.check("https://public.example/x")).isEqualTo("https://public.example/x");
    assertThatThrownBy(() -> policy.check("https://nowhere.example/x"))
        .hasMessageContaining("does not resolve");
  }

  @Test
  void theAllowListAdmitsNamedHostsAndRanges() throws Exception {
    CallbackTargets policy =
        CallbackTargets.allowing(
            " hooks.internal , 10.20.0.0/16, 127.0.0.1",
            host -> new InetAddress[] {literal("10.9.9.9")});
    assertThat(policy.check("http://hooks.internal/x")).isNotNull();
    assertThat(policy.check("http://10.20.30.40/x")).isNotNull();
    assertThat(policy.check("http://127.0.0.1:9/x")).isNotNull();
    assertThatThrownBy(() -> policy.check("http://10.21.0.1/x")).hasMessageContaining("private");
    assertThatThrownBy(() -> policy.check("http://127.0.0.2/x")).hasMessageContaining("loopback");
    assertThatThrownBy(() -> CallbackTargets.allowing("10.0.0.0/99"))
        .hasMessageContaining("not an address or CIDR range");
  }

  @Test
  void aCallbackConnectsToTheAddressesCheckedForItWithNoSecondLookup() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    CallbackTargets policy =
        CallbackTargets.allowing(
            null,
            host ->
                new InetAddress[] {
                  lookups.getAndIncrement() == 0
                      ? literal("93.184.216.34")
                      : literal("169.254.169.254")
                });
    CallbackTargets.Target target = policy.vet("http://rebind.example/hook");

    assertThat(CallbackTargets.dnsFor(target).lookup("rebind.example"))
        .containsExactly(literal("93.184.216.34"));
    assertThat(lookups).hasValue(1);
    assertThatThrownBy(() -> CallbackTargets.dnsFor(target).lookup("elsewhere.example"))
        .isInstanceOf(UnknownHostException.class);
    // the next attempt checks afresh, and refuses what the name says now
    assertThatThrownBy(() -> policy.vet("http://rebind.example/hook"))
        .hasMessageContaining("resolves to 169.254.169.254, a link-local address");
  }

  @Test
  void urlsThatAreNotPlainHttpAreRefused() {
    assertThatThrownBy(() -> strict.check("ftp://93.184.216.34/x"))
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> strict.check("http://user:pw@93.184.216.34/x"))
        .hasMessageContaining("user name or password");
    assertThatThrownBy(() -> strict.check("not a url")).hasMessageContaining("is not a URL");
    assertThatThrownBy(() -> strict.check("/relative/hook"))
        .hasMessageContaining("http:// or https://");
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
