package com.vocelio.platform.rest;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A browser for the OpenAPI document at {@code /openapi/ui}: Swagger UI from its webjar ({@code org.webjars:swagger-ui},
 * files served from the class path as they are) and a page of ours that asks for the metrics token, since
 * {@code /openapi} answers only that ({@link MetricsTokenFilter}); the page itself holds nothing secret and is open.
 * Like the document, it exists only where a metrics token is configured: elsewhere 404.
 */
@WebServlet(urlPatterns = "/openapi/ui/*")
public class OpenApiUiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final String PATH = "/openapi/ui";

    private String webjar; // class path folder of the webjar's files, null without the webjar
    private boolean enabled;

    @Override
    public void init() {
        enabled = ConfigProvider.getConfig()
                .getOptionalValue("vocelio.metrics.token", String.class)
                .filter(token -> !token.isBlank())
                .isPresent();
        var pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in != null) {
                pom.load(in);
                webjar = "META-INF/resources/webjars/swagger-ui/" + pom.getProperty("version") + "/";
            }
        } catch (IOException e) {
            webjar = null;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled || webjar == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String file = request.getPathInfo();
        if (file == null) {
            response.sendRedirect(PATH + "/");
            return;
        }
        if (file.equals("/")) {
            send(response, "text/html;charset=UTF-8", PAGE.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String name = file.substring(1);
        try (InputStream in = name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") ? resource(webjar + name) : null) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            send(response, type(name), in.readAllBytes());
        }
    }

    private static InputStream resource(String name) {
        return OpenApiUiServlet.class.getClassLoader().getResourceAsStream(name);
    }

    private static void send(HttpServletResponse response, String type, byte[] body) throws IOException {
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String type(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript;charset=UTF-8";
        }
        if (name.endsWith(".css")) {
            return "text/css;charset=UTF-8";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".html")) {
            return "text/html;charset=UTF-8";
        }
        return "application/octet-stream";
    }

    /** The token is kept in the tab's session storage and sent only with the request for the document. */
    static final String PAGE =
            """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Vocelio API</title>
              <link rel="stylesheet" href="swagger-ui.css">
            </head>
            <body>
              <form id="token-form" style="font-family: sans-serif; margin: 1em">
                <label>Metrics token (VOCELIO_METRICS_TOKEN)
                  <input id="token" type="password" autocomplete="off" size="50"></label>
                <button type="submit">Show the API</button>
              </form>
              <div id="swagger-ui"></div>
              <script src="swagger-ui-bundle.js"></script>
              <script>
                const KEY = "vocelio.metricsToken";
                function show() {
                  const token = sessionStorage.getItem(KEY) || "";
                  SwaggerUIBundle({
                    url: "/openapi",
                    dom_id: "#swagger-ui",
                    requestInterceptor: request => {
                      if (new URL(request.url, location.href).pathname === "/openapi") {
                        request.headers.Authorization = "Bearer " + token;
                      }
                      return request;
                    }
                  });
                }
                document.getElementById("token-form").addEventListener("submit", event => {
                  event.preventDefault();
                  sessionStorage.setItem(KEY, document.getElementById("token").value);
                  show();
                });
                if (sessionStorage.getItem(KEY)) {
                  show();
                }
              </script>
            </body>
            </html>
            """;
}
