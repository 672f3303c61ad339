package io.ocrbatch.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Authenticates a request that carries one of the configured tokens: {@code Authorization: Bearer
 * TOKEN}, or {@code ?access_token=TOKEN} where a browser cannot set headers (EventSource, images).
 * Whether a path needs a token is decided by {@link ApiSecurity}, not here.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
  static final String TOKEN_PRESENTED = BearerTokenFilter.class.getName() + ".presented";
  private final List<byte[]> tokens;

  BearerTokenFilter(List<String> tokens) {
    this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String token = presented(request);
    if (token != null) {
      request.setAttribute(TOKEN_PRESENTED, Boolean.TRUE);
      if (accepted(token)) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(
                "api-client", null, AuthorityUtils.NO_AUTHORITIES));
        SecurityContextHolder.setContext(context);
      }
    }
    chain.doFilter(request, response);
  }

  private static String presented(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7))
      return header.substring(7).strip();
    return queryToken(request.getQueryString());
  }

  /**
   * {@code access_token} from the query string only: asking the request for a parameter would read
   * a form or multipart body in this filter, before the token is even checked.
   */
  static String queryToken(String query) {
    if (query == null) return null;
    String token =
        UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst(TOKEN);
    if (token == null) return null;
    try {
      return UriUtils.decode(token, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) { // a broken %-escape: no token, so 401
      return null;
    }
  }

  private static final String TOKEN = "access_token";

  private boolean accepted(String token) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] t : tokens)
      ok |=
          MessageDigest.isEqual(given, t); // no early exit: time does not tell which token is close
    return ok;
  }
}
