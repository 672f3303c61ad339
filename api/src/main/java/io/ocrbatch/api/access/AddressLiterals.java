package io.ocrbatch.api.access;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

/**
 * Address literals as one reading only: IPv4 as four decimal numbers without leading zeros, IPv6 in
 * its standard forms. The forms that programs read differently ({@code 0177.0.0.1} is 127.0.0.1 to
 * inet_aton and 177.0.0.1 to Java; {@code 127.1}, {@code 0x7f.1}, {@code 2130706433}) are
 * recognised as ambiguous so they can be refused rather than guessed at.
 */
final class AddressLiterals {
  private AddressLiterals() {}

  private static IPAddressStringParameters.Builder strictBuilder(boolean prefix) {
    return new IPAddressStringParameters.Builder()
        .allowEmpty(false)
        .allowAll(false)
        .allowSingleSegment(false)
        .allowPrefix(prefix)
        .allowMask(false)
        .allowWildcardedSeparator(false)
        .setRangeOptions(RangeParameters.NO_RANGE)
        .allow_inet_aton(false)
        .getIPv4AddressParametersBuilder()
        .allowLeadingZeros(false)
        .allowBinary(false)
        .getParentBuilder()
        .getIPv6AddressParametersBuilder()
        .allowBinary(false)
        .allowBase85(false)
        .getParentBuilder();
  }

  private static final IPAddressStringParameters STRICT = strictBuilder(false).toParams();
  private static final IPAddressStringParameters STRICT_RANGE = strictBuilder(true).toParams();

  /** Every IPv4 form inet_aton accepts: octal, hex, fewer than four parts, leading zeros. */
  private static final IPAddressStringParameters LOOSE_IPV4 =
      new IPAddressStringParameters.Builder()
          .allowPrefix(false)
          .allowMask(false)
          .allowIPv6(false)
          .allow_inet_aton(true)
          .getIPv4AddressParametersBuilder()
          .allow_inet_aton_octal(true)
          .allow_inet_aton_hex(true)
          .allow_inet_aton_joined_segments(true)
          .allowLeadingZeros(true)
          .getParentBuilder()
          .toParams();

  /** The address {@code text} spells in its one standard reading, or null when it spells none. */
  static IPAddress parse(String text) {
    return new IPAddressString(text, STRICT).getAddress();
  }

  /** An address or a CIDR range ({@code 10.20.0.0/16}); null when it is neither. */
  static IPAddress parseRange(String text) {
    IPAddress address = new IPAddressString(text, STRICT_RANGE).getAddress();
    return address == null ? null : address.toPrefixBlock();
  }

  /**
   * Whether {@code host} is a number that is no standard address literal: some program would read
   * it as an IPv4 address, and not all the same one.
   */
  static boolean ambiguous(String host) {
    if (parse(host) != null) return false;
    return host.matches("[0-9.]+") || new IPAddressString(host, LOOSE_IPV4).isIPv4();
  }
}
