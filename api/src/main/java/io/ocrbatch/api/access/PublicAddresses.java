package io.ocrbatch.api.access;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which addresses a callback may reach: public ones only. An IPv6 address that carries an IPv4
 * address (IPv4-mapped and -compatible, SIIT, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32)
 * is judged by that IPv4 address too, since a translator or relay delivers it there.
 */
final class PublicAddresses {
  private PublicAddresses() {}

  private static final Map<IPAddress, String> IPV4_RANGES =
      ranges(
          "0.0.0.0/8", "a 'this network' address",
          "100.64.0.0/10", "a carrier-grade NAT address",
          "192.0.0.0/24", "an IETF protocol address",
          "192.0.2.0/24", "a documentation address",
          "198.51.100.0/24", "a documentation address",
          "203.0.113.0/24", "a documentation address",
          "198.18.0.0/15", "a benchmarking address",
          "240.0.0.0/4", "a reserved address");

  private static final Map<IPAddress, String> IPV6_RANGES =
      ranges(
          "fec0::/10", "a site-local address",
          "fc00::/7", "a unique-local IPv6 address",
          "2001:db8::/32", "a documentation address",
          "100::/64", "a discard-only address",
          "64:ff9b:1::/48", "a local-use NAT64 address");

  private static Map<IPAddress, String> ranges(String... cidrThenReason) {
    Map<IPAddress, String> ranges = new LinkedHashMap<>();
    for (int i = 0; i < cidrThenReason.length; i += 2)
      ranges.put(new IPAddressString(cidrThenReason[i]).getAddress(), cidrThenReason[i + 1]);
    return ranges;
  }

  /** Why a callback may not go to {@code address}, or null when it may. */
  static String refusal(InetAddress address) {
    IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
    String reason = ip.isIPv4() ? refusal(ip.toIPv4()) : refusal(ip.toIPv6());
    if (reason == null && isOwnAddress(address)) return "an address of this server";
    return reason;
  }

  private static String refusal(IPv4Address a) {
    if (a.isAnyLocal()) return "an unspecified address";
    if (a.isLoopback()) return "a loopback address";
    if (a.isLinkLocal()) return "a link-local address (cloud metadata lives there)";
    if (a.isPrivate()) return "a private address";
    if (a.isMulticast()) return "a multicast address";
    return inRange(a, IPV4_RANGES);
  }

  private static String refusal(IPv6Address a) {
    if (a.isAnyLocal()) return "an unspecified address";
    if (a.isLoopback()) return "a loopback address";
    for (Map.Entry<String, IPv4Address> carried : carried(a).entrySet()) {
      String reason = refusal(carried.getValue());
      if (reason == null && isOwnAddress(carried.getValue().toInetAddress()))
        reason = "an address of this server";
      if (reason != null) return carried.getKey() + " " + carried.getValue() + ", " + reason;
    }
    if (a.isLinkLocal()) return "a link-local address";
    if (a.isMulticast()) return "a multicast address";
    return inRange(a, IPV6_RANGES);
  }

  /** The IPv4 addresses an IPv6 address leads to, each with the form that carries it. */
  private static Map<String, IPv4Address> carried(IPv6Address a) {
    Map<String, IPv4Address> carried = new LinkedHashMap<>();
    IPv4Address last32 = a.getEmbeddedIPv4Address();
    if (a.isIPv4Mapped()) carried.put("the IPv4-mapped form of", last32);
    if (a.isIPv4Compatible()) carried.put("the IPv4-compatible form of", last32);
    if (a.isIPv4Translatable()) carried.put("the SIIT form of", last32);
    if (a.isWellKnownIPv4Translatable()) carried.put("the NAT64 form of", last32);
    if (a.is6To4()) carried.put("the 6to4 form of", a.get6To4IPv4Address());
    if (a.isTeredo()) {
      carried.put("a Teredo address through server", a.getEmbeddedIPv4Address(4));
      // the client's address is stored with every bit inverted (RFC 4380)
      carried.put("a Teredo address for client", new IPv4Address(~last32.intValue()));
    }
    return carried;
  }

  private static String inRange(IPAddress a, Map<IPAddress, String> ranges) {
    for (Map.Entry<IPAddress, String> range : ranges.entrySet())
      if (range.getKey().contains(a)) return range.getValue();
    return null;
  }

  private static boolean isOwnAddress(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
