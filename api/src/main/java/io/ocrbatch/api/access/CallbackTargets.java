package io.ocrbatch.api.access;

import io.ocrbatch.activities.fault.UserInput;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where callbacks may go. A callback URL is the client's choice of where this server sends a
 * request, so by default it must reach the public internet only: loopback, link-local (cloud
 * metadata at 169.254.169.254), private and carrier-grade-NAT ranges, unique-local IPv6, multicast,
 * unspecified and this host's own addresses are refused. {@code OCRBATCH_CALLBACK_ALLOW}
 * (comma-separated host names, addresses or CIDR ranges) admits a trusted internal hook. The check
 * runs when a job is submitted and again for every address a callback connects to (see {@link
 * #dns()}), so a name that later resolves elsewhere (DNS rebinding) is refused too.
 */
public final class CallbackTargets {
  public static final String ALLOW_VARIABLE = "OCRBATCH_CALLBACK_ALLOW";

  /** Name resolution, replaceable in tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final List<String> allowedHosts;
  private final List<AddressRange> allowedRanges;
  private final Resolver resolver;

  private CallbackTargets(
      List<String> allowedHosts, List<AddressRange> allowedRanges, Resolver resolver) {
    this.allowedHosts = allowedHosts;
    this.allowedRanges = allowedRanges;
    this.resolver = resolver;
  }

  /**
   * Public addresses only, plus what {@code allowList} (comma-separated hosts, addresses, CIDR
   * ranges) admits.
   */
  public static CallbackTargets allowing(String allowList) {
    return allowing(allowList, InetAddress::getAllByName);
  }

  public static CallbackTargets allowing(String allowList, Resolver resolver) {
    List<String> hosts = new ArrayList<>();
    List<AddressRange> ranges = new ArrayList<>();
    for (String raw : Arrays.asList(allowList == null ? new String[0] : allowList.split(","))) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) continue;
      if (AddressRange.looksLikeAddress(entry))
        ranges.add(AddressRange.parse(entry, ALLOW_VARIABLE));
      else hosts.add(entry);
    }
    return new CallbackTargets(List.copyOf(hosts), List.copyOf(ranges), resolver);
  }

  public static CallbackTargets fromEnvironment(Map<String, String> env) {
    return allowing(env.get(ALLOW_VARIABLE));
  }

  /**
   * The URL, checked: absolute http(s), and every address its host resolves to allowed. Errors are
   * {@link IllegalArgumentException}s saying why, for the client that gave the URL.
   */
  public String check(String url) {
    if (url == null || url.isBlank()) return null;
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + " is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + " must be an absolute http:// or https:// URL");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + " must not carry a user name or password");
    }
    try {
      addressesFor(hostOf(uri));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + ": " + e.getMessage());
    }
    return uri.toString();
  }

  /**
   * The addresses a callback to {@code host} may connect to; an error if any of them is refused.
   */
  public List<InetAddress> addressesFor(String host) throws UnknownHostException {
    String name = host.toLowerCase(Locale.ROOT);
    InetAddress[] all;
    try {
      all =
          AddressRange.looksLikeAddress(name)
              ? new InetAddress[] {InetAddress.getByName(name)}
              : resolver.resolve(name);
    } catch (UnknownHostException e) {
      throw new UnknownHostException(
          "callback host " + UserInput.quote(host) + " does not resolve");
    }
    if (allowedHosts.contains(name)) return List.of(all);
    for (InetAddress address : all) {
      String refused = refusal(address);
      if (refused != null && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
        throw new UnknownHostException(
            "callback host "
                + UserInput.quote(host)
                + " resolves to "
                + address.getHostAddress()
                + ", "
                + refused
                + ", which this server does not call (a trusted internal hook can be allowed with "
                + ALLOW_VARIABLE
                + ")");
      }
    }
    return List.of(all);
  }

  /** OkHttp's name lookup, admitting only the addresses this policy allows. */
  public okhttp3.Dns dns() {
    return this::addressesFor;
  }

  /** Why a callback may not go to {@code address}, or null when it may. */
  static String refusal(InetAddress address) {
    InetAddress a = unmapped(address);
    if (a.isAnyLocalAddress()) return "an unspecified address";
    if (a.isLoopbackAddress()) return "a loopback address";
    if (a.isLinkLocalAddress()) return "a link-local address (cloud metadata lives there)";
    if (a.isSiteLocalAddress()) return "a private address";
    if (a.isMulticastAddress()) return "a multicast address";
    if (a instanceof Inet4Address) {
      byte[] b = a.getAddress();
      int first = b[0] & 0xff, second = b[1] & 0xff;
      if (first == 0) return "a 'this network' address";
      if (first == 100 && second >= 64 && second < 128) return "a carrier-grade NAT address";
      if (first == 198 && (second == 18 || second == 19)) return "a benchmarking address";
      if (first == 192 && second == 0 && (b[2] & 0xff) == 0) return "an IETF protocol address";
      if (first >= 240) return "a reserved address";
    } else if (a instanceof Inet6Address) {
      int first = a.getAddress()[0] & 0xff;
      if ((first & 0xfe) == 0xfc) return "a unique-local IPv6 address";
    }
    if (isOwnAddress(a)) return "an address of this server";
    return null;
  }

  private static InetAddress unmapped(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && b.length == 16) {
      boolean mapped = true;
      for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
      boolean v4Mapped = mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      boolean v4Compatible = mapped && b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
      if (v4Mapped || v4Compatible) {
        try {
          return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return address;
  }

  private static boolean isOwnAddress(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  private static String hostOf(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
