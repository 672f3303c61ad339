package io.ocrbatch.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Callback hosts that reach an internal IPv4 address in disguise: inside an IPv6 form a translator
 * or relay unwraps, or as a number that programs read in different ways. Nothing is contacted.
 */
class TranslatedAddressesTest {
  private final CallbackTargets strict = CallbackTargets.allowing(null);

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://[64:ff9b::a9fe:a9fe]/ | the NAT64 form of 169.254.169.254, a link-local address",
        "http://[64:ff9b::7f00:1]/ | the NAT64 form of 127.0.0.1, a loopback address",
        "http://[64:ff9b::a00:1]/ | the NAT64 form of 10.0.0.1, a private address",
        "http://[2002:a9fe:a9fe::]/ | the 6to4 form of 169.254.169.254, a link-local address",
        "http://[2002:7f00:1::1]/ | the 6to4 form of 127.0.0.1, a loopback address",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/ | a Teredo address for client 127.0.0.1,"
            + " a loopback address",
        "http://[2001:0:a00:1::]/ | a Teredo address through server 10.0.0.1, a private address",
        "http://[::ffff:0:7f00:1]/ | the SIIT form of 127.0.0.1, a loopback address",
        "http://[::7f00:1]/ | the IPv4-compatible form of 127.0.0.1, a loopback address",
        "http://[::a9fe:a9fe]/ | the IPv4-compatible form of 169.254.169.254",
        "http://[::ffff:a9fe:a9fe]/ | 169.254.169.254, a link-local address",
        "http://[64:ff9b:1::a9fe:a9fe]/ | a local-use NAT64 address",
      })
  void anInternalIpv4AddressInsideAnIpv6FormIsRefused(String url, String reason) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("OCRBATCH_CALLBACK_ALLOW");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://[64:ff9b::5db8:d822]/hook",
        "http://[2002:5db8:d822::1]/hook",
        "http://[2001:0:4136:e378:8000:63bf:a247:27dd]/hook"
      })
  void aPublicIpv4AddressInsideAnIpv6FormIsAccepted(String url) {
    assertThat(strict.check(url)).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://0177.0.0.1/",
        "http://127.1/",
        "http://0x7f.0.0.1/",
        "http://0x7f000001/",
        "http://2130706433/",
        "http://017700000001/",
        "http://93.184.216.034/",
        "http://0x5d.184.216.34/"
      })
  void aNumericHostProgramsReadDifferentlyIsRefused(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is an ambiguous numeric address")
        .hasMessageContaining("four decimal numbers");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0177.0.0.1", "127.1", "10.0.0.0/99", "10.1"})
  void theAllowListTakesStandardAddressesOnly(String entry) {
    assertThatThrownBy(() -> CallbackTargets.allowing(entry))
        .hasMessageContaining("is not an address or CIDR range");
  }
}
