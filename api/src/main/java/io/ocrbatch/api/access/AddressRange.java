package io.ocrbatch.api.access;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;

/** An address or a CIDR range ({@code 10.1.0.0/16}, {@code fd00::/8}), as an allow-list entry. */
record AddressRange(IPAddress block) {
  static boolean looksLikeAddress(String entry) {
    return entry.matches("[0-9.]+(/\\d+)?") || entry.matches("[0-9a-f:]*:[0-9a-f:.]*(/\\d+)?");
  }

  static AddressRange parse(String entry, String source) {
    IPAddress block = AddressLiterals.parseRange(entry);
    if (block == null)
      throw new IllegalArgumentException(
          source + ": '" + entry + "' is not an address or CIDR range");
    return new AddressRange(block);
  }

  boolean contains(InetAddress address) {
    IPAddress candidate = new IPAddressString(address.getHostAddress()).getAddress();
    return candidate != null
        && candidate.getIPVersion() == block.getIPVersion()
        && block.contains(candidate);
  }
}
