package io.ocrbatch.api.access;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address or a CIDR range ({@code 10.1.0.0/16}, {@code fd00::/8}), as an allow-list entry. */
record AddressRange(byte[] network, int prefixLength) {
  static boolean looksLikeAddress(String entry) {
    return entry.matches("[0-9.]+(/\\d+)?") || entry.matches("[0-9a-f:]*:[0-9a-f:.]*(/\\d+)?");
  }

  static AddressRange parse(String entry, String source) {
    int slash = entry.indexOf('/');
    String address = slash < 0 ? entry : entry.substring(0, slash);
    try {
      byte[] network = InetAddress.getByName(address).getAddress(); // a literal: no lookup happens
      int length = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
      if (length < 0 || length > network.length * 8) throw new NumberFormatException();
      return new AddressRange(network, length);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException(
          source + ": '" + entry + "' is not an address or CIDR range");
    }
  }

  boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) return false;
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) return false;
    }
    return true;
  }
}
