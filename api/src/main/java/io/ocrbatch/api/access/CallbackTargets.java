package io.ocrbatch.api.access;

import inet.ipaddr.IPAddress;
import io.ocrbatch.activities.fault.UserInput;
import java.net.InetAddress;
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
 * unspecified and this host's own addresses are refused, also inside IPv6 forms that carry an IPv4
 * address ({@link PublicAddresses}), and so are numeric hosts that programs read differently
 * ({@link AddressLiterals}). {@code OCRBATCH_CALLBACK_ALLOW} (comma-separated host names, addresses
 * or CIDR ranges) admits a trusted internal hook. The check runs when a job is submitted and again
 * when the callback is sent ({@link #vet}), which then connects to the addresses it checked and no
 * others ({@link #dnsFor}), so a name that later resolves elsewhere (DNS rebinding) goes nowhere.
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

  /** A callback URL, checked, with the addresses its host had then: the ones to connect to. */
  public record Target(String url, String host, List<InetAddress> addresses) {}

  /**
   * The URL, checked: absolute http(s), and every address its host resolves to allowed. Errors are
   * {@link IllegalArgumentException}s saying why, for the client that gave the URL.
   */
  public String check(String url) {
    if (url == null || url.isBlank()) return null;
    return vet(url).url();
  }

  /** {@link #check}, keeping the addresses found, so a callback connects to those and no others. */
  public Target vet(String url) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + " is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null && uri.getRawAuthority() != null) {
      // java.net.URI takes no host from 127.1 or 0x7f.1: say what is wrong with it
      String named = uri.getRawAuthority().replaceFirst("^.*@", "").replaceFirst(":\\d*$", "");
      if (AddressLiterals.ambiguous(named.toLowerCase(Locale.ROOT)))
        throw new IllegalArgumentException(
            "callback URL " + UserInput.quote(url) + ": " + ambiguous(named));
    }
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + " must be an absolute http:// or https:// URL");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + " must not carry a user name or password");
    }
    String host = hostOf(uri);
    try {
      return new Target(uri.toString(), host, addressesFor(host));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "callback URL " + UserInput.quote(url) + ": " + e.getMessage());
    }
  }

  /**
   * The addresses a callback to {@code host} may connect to; an error if any of them is refused, or
   * if the host is a number some program would read as another address than Java does.
   */
  List<InetAddress> addressesFor(String host) throws UnknownHostException {
    String name = host.toLowerCase(Locale.ROOT);
    IPAddress literal = AddressLiterals.parse(name);
    if (literal == null && AddressLiterals.ambiguous(name))
      throw new UnknownHostException(ambiguous(host));
    InetAddress[] all;
    try {
      all = literal != null ? new InetAddress[] {literal.toInetAddress()} : resolver.resolve(name);
    } catch (UnknownHostException e) {
      throw new UnknownHostException(
          "callback host " + UserInput.quote(host) + " does not resolve");
    }
    if (allowedHosts.contains(name)) return List.of(all);
    for (InetAddress address : all) {
      String refused = PublicAddresses.refusal(address);
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

  private static String ambiguous(String host) {
    return "callback host "
        + UserInput.quote(host)
        + " is an ambiguous numeric address (octal, hexadecimal and shortened forms are read"
        + " differently by different programs): write IPv4 addresses as four decimal numbers"
        + " such as 93.184.216.34";
  }

  /**
   * OkHttp's name lookup for one callback: the addresses {@link #vet} checked for its host, with no
   * second lookup that could answer differently (DNS rebinding).
   */
  public static okhttp3.Dns dnsFor(Target target) {
    return hostname -> {
      if (hostname.equalsIgnoreCase(target.host())) return target.addresses();
      throw new UnknownHostException("callback host " + UserInput.quote(hostname) + " not vetted");
    };
  }

  private static String hostOf(URI uri) {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
