package io.ocrbatch.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * When tokens are configured, {@code /api/**} and {@code /ocr/**} need one: {@code Authorization:
 * Bearer TOKEN}, or {@code ?access_token=TOKEN} where a browser cannot set headers (EventSource,
 * images). The page, the API description and health stay open.
 */
@Component
class TokenAuthFilter extends OncePerRequestFilter {
  private final ApiSettings settings;

  TokenAuthFilter(ApiSettings settings) {
    this.settings = settings;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !settings.authRequired() || !(path.startsWith("/api/") || path.startsWith("/ocr/"));
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return true; // an SSE stream was authorised when it was opened
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : request.getParameter("access_token");
    if (token != null && accepted(token)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer");
    response.setContentType("application/json");
    String detail = token == null ? "this endpoint needs a bearer token (Authorization: Bearer TOKEN)" : "the bearer token is not valid";
    response.getOutputStream().write(("{\"detail\": \"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  private boolean accepted(String token) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (String t : settings.tokens()) ok |= MessageDigest.isEqual(given, t.getBytes(StandardCharsets.UTF_8));
    return ok;
  }
}
