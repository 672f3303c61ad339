package io.ocrbatch.api.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/** Puts {@link JsonErrorReportValve} where Tomcat (and Spring Boot) would put the HTML one. */
@Component
class TomcatErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          if (!(context.getParent() instanceof StandardHost host)) return;
          for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof JsonErrorReportValve))
              host.getPipeline().removeValve(valve);
          }
          host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
          host.getPipeline().addValve(new JsonErrorReportValve());
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's customizer, which adds the plain valve
  }
}
