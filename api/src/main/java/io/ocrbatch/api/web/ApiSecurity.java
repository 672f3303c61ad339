package io.ocrbatch.api.web;

import io.ocrbatch.activities.fault.UserInput;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Who may call what. With tokens configured every path needs one except an explicit list of open
 * ones (the page, its assets, the API description, health): deny by default, so a path written
 * another way ({@code /API/jobs}, {@code /%61pi/jobs}) is refused rather than let through. Spring
 * Security's firewall answers 400 to paths with {@code ;params}, encoded slashes, {@code //} or
 * {@code ..} before anything is dispatched.
 */
@Configuration
@EnableWebSecurity
class ApiSecurity {
  static final String[] OPEN_PATHS = {
    "/",
    "/index.html",
    "/app.js",
    "/jobs.js",
    "/files.js",
    "/style.css",
    "/favicon.ico",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info"
  };

  @Bean
  SecurityFilterChain apiSecurityChain(HttpSecurity http, ApiSettings settings) throws Exception {
    http.csrf(
            AbstractHttpConfigurer
                ::disable) // bearer tokens, no cookies: nothing for a forged request to ride on
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(h -> h.cacheControl(c -> c.disable())) // results and streams set their own caching
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, denied) ->
                            unauthorized(
                                request,
                                response,
                                request.getAttribute(BearerTokenFilter.TOKEN_PRESENTED) != null))
                    .accessDeniedHandler(
                        (request, response, denied) -> unauthorized(request, response, true)))
        .addFilterBefore(new BearerTokenFilter(settings.tokens()), AuthorizationFilter.class)
        .authorizeHttpRequests(
            a -> {
              // an SSE stream was authorised when it was opened; error pages render what was
              // already decided
              a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
              if (settings.authRequired()) {
                a.requestMatchers(HttpMethod.GET, OPEN_PATHS)
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, OPEN_PATHS)
                    .permitAll()
                    .anyRequest()
                    .authenticated();
              } else {
                a.anyRequest().permitAll();
              }
            });
    return http.build();
  }

  /** The methods the firewall lets through (Spring Security's StrictHttpFirewall's default). */
  static final List<String> SERVED_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

  /**
   * What the firewall refuses is the client's error, with the usual JSON body: a method this server
   * does not allow (TRACE, CONNECT) is 405, one HTTP does not define 501, a path 400.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejected) -> {
      String method = request.getMethod();
      if (SERVED_METHODS.contains(method)) {
        JsonErrors.write(
            request,
            response,
            HttpServletResponse.SC_BAD_REQUEST,
            "the request path is not in a form this server accepts"
                + " (no ';' parameters, encoded '/', '\\' or '%', '//', '.' or '..' segments)");
      } else if (method.equals("TRACE") || method.equals("CONNECT")) {
        response.setHeader("Allow", String.join(", ", SERVED_METHODS));
        JsonErrors.write(
            request,
            response,
            HttpServletResponse.SC_METHOD_NOT_ALLOWED,
            "method " + method + " is not allowed on this server");
      } else {
        JsonErrors.write(
            request,
            response,
            HttpServletResponse.SC_NOT_IMPLEMENTED,
            "method " + UserInput.quote(method) + " is not one this server implements");
      }
    };
  }

  private static void unauthorized(
      jakarta.servlet.http.HttpServletRequest request,
      HttpServletResponse response,
      boolean tokenGiven)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    JsonErrors.write(
        request,
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        tokenGiven
            ? "the bearer token is not valid"
            : "this endpoint needs a bearer token (Authorization: Bearer TOKEN)");
  }
}
