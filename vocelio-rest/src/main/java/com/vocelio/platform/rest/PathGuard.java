package com.vocelio.platform.rest;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Keeps a path the servlet container cannot take ({@link BadPaths}: a malformed %-escape, a NUL, a backslash, an
 * encoded slash, bytes that are not UTF-8, a climb above the root) from reaching Payara's {@code CoyoteAdapter},
 * which would answer it before any application is chosen — an empty 200 or a bodiless 400 — and sends it to
 * {@link BadPathServlet} instead, whose {@code 400 bad_path} leaves through the servlet filters like any answer.
 *
 * <p>Payara has no setting or extension point that runs first (see {@link MalformedEscapeLog}); what it has is the
 * HTTP listener's Grizzly filter chain, reached from the server's HK2 locator: {@code GrizzlyService} (the
 * {@code RequestDispatcher} service) → the proxy of each network listener → its Grizzly listener → its transport's
 * filter chain. There the filter that hands requests to the container ({@code http.server.HttpServerFilter}) is
 * replaced, in place, by a proxy of it that first looks at the request's raw path and, for a bad one, rewrites the
 * request line to {@link #ANSWER_PATH}{@code ?<problem>}; everything else it passes on unchanged. Replaced, not
 * inserted: the chain keeps its length, which the per-connection state of the connections already open is sized by.
 * Everything is reflective (no compile-time dependency on Payara's internals), and any failure leaves the server as it
 * was with one line in the log: on a server laid out otherwise the application runs without the guard.
 *
 * <p>Installed only where the application owns the whole listener: deployed at the root context, on the listeners
 * whose default virtual server is the application's (never the admin listener of a full Payara Server). Undeploying
 * puts the original filter back. {@code vocelio.http.path-guard=false} ({@code VOCELIO_HTTP_PATH_GUARD}) leaves the
 * listener alone: should a later Payara lay its listener out otherwise in a way this does not notice.
 */
@WebListener
public class PathGuard implements ServletContextListener {

    /** Where a bad path is sent; the problem's code is the query. */
    public static final String ANSWER_PATH = "/errors/bad-path";

    private static final Logger LOG = Logger.getLogger(PathGuard.class.getName());
    private static final String CODEC_FILTER = "org.glassfish.grizzly.http.HttpCodecFilter";
    private static final String SERVER_FILTER = "org.glassfish.grizzly.http.server.HttpServerFilter";

    /** A replaced filter: the chain, the slot, the original and its guarded proxy. */
    private record Replacement(List<Object> chain, Object original, Object guarded, String listener) {}

    private final List<Replacement> replacements = new ArrayList<>();

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (!ConfigProvider.getConfig()
                .getOptionalValue("vocelio.http.path-guard", Boolean.class)
                .orElse(true)) {
            LOG.info("Path guard off (vocelio.http.path-guard=false): the container answers malformed paths itself");
            return;
        }
        start(event.getServletContext());
    }

    /** Installs the guard where it can, else says in one line why not; never fails the deployment. */
    void start(ServletContext context) {
        if (!context.getContextPath().isEmpty()) {
            LOG.info(() -> "Path guard not installed: the application is deployed at " + context.getContextPath()
                    + ", not at the root, so the container's listener is not its alone");
            return;
        }
        try {
            install(context.getVirtualServerName());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            restore();
            LOG.info(() -> "Path guard not installed (this server is not laid out as Payara 6 is: " + e
                    + "); the container answers malformed paths itself");
            return;
        }
        if (replacements.isEmpty()) {
            LOG.info("Path guard not installed: no HTTP listener of this server serves the application's virtual"
                    + " server; the container answers malformed paths itself");
        } else {
            LOG.info(() ->
                    "Path guard installed on " + installedOn() + ": malformed paths are answered with 400 bad_path");
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        restore();
    }

    private void install(String virtualServer) throws ReflectiveOperationException {
        Class<?> globals = Class.forName("org.glassfish.internal.api.Globals");
        Object locator = globals.getMethod("getDefaultHabitat").invoke(null);
        Objects.requireNonNull(locator, "no HK2 locator");
        Class<?> dispatcherContract =
                Class.forName("org.glassfish.api.container.RequestDispatcher", false, globals.getClassLoader());
        Object grizzlyService = invoke(locator, "getService", dispatcherContract, new Annotation[0]);
        Objects.requireNonNull(grizzlyService, "no RequestDispatcher service");
        ClassLoader kernel = grizzlyService.getClass().getClassLoader();
        Class<?> listenerConfig = Class.forName("org.glassfish.grizzly.config.dom.NetworkListener", false, kernel);
        List<?> listeners = (List<?>) invoke(locator, "getAllServices", listenerConfig, new Annotation[0]);
        for (Object config : listeners) {
            if (!servesVirtualServer(config, virtualServer)) {
                continue;
            }
            Object proxy = invoke(grizzlyService, "lookupNetworkProxy", config);
            if (proxy == null) {
                continue; // a listener of another configuration, or not started
            }
            Object grizzlyListener = invoke(proxy, "getUnderlyingListener");
            Object transport = invoke(grizzlyListener, "getTransport");
            Object processor = invoke(transport, "getProcessor");
            if (processor instanceof List<?> chain) {
                guard(chain, String.valueOf(invoke(config, "getName")));
            }
        }
    }

    /** Whether the listener's HTTP protocol sends requests to {@code virtualServer} (unknown: only if not admin). */
    private static boolean servesVirtualServer(Object listenerConfig, String virtualServer)
            throws ReflectiveOperationException {
        Object protocol = invoke(listenerConfig, "findHttpProtocol");
        Object http = protocol == null ? null : invoke(protocol, "getHttp");
        if (http == null) {
            return false;
        }
        Object defaultServer = invoke(http, "getDefaultVirtualServer");
        if (virtualServer == null || virtualServer.isEmpty()) {
            return !"__asadmin".equals(defaultServer);
        }
        return virtualServer.equals(defaultServer);
    }

    /**
     * Guards every filter from the one after the HTTP codec (the first to see a parsed request) to the one that hands
     * requests to the container: Grizzly's WebSocket filter, when the listener has one, decodes the path of an upgrade
     * request too (and logs a stack trace for a malformed one) before the container sees it.
     */
    @SuppressWarnings("unchecked")
    private void guard(List<?> chain, String listener) throws ReflectiveOperationException {
        var filters = (List<Object>) chain;
        int codec = -1;
        int server = -1;
        for (int i = 0; i < filters.size() && server < 0; i++) {
            Class<?> type = filters.get(i).getClass();
            if (codec < 0 && isA(type, CODEC_FILTER)) {
                codec = i;
            } else if (isA(type, SERVER_FILTER)) {
                server = i;
            }
        }
        for (int i = codec < 0 ? server : codec + 1; server >= 0 && i <= server; i++) {
            Object filter = filters.get(i);
            Object guarded = guarded(filter);
            filters.set(i, guarded);
            replacements.add(new Replacement(filters, filter, guarded, listener));
        }
    }

    private static boolean isA(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** {@code http-listener (ahead of GlassfishWebSocketFilter, HttpServerFilter)}, for the log. */
    private String installedOn() {
        var byListener = new LinkedHashMap<String, List<String>>();
        for (var replacement : replacements) {
            byListener
                    .computeIfAbsent(replacement.listener(), listener -> new ArrayList<>())
                    .add(replacement.original().getClass().getSimpleName());
        }
        var parts = new ArrayList<String>();
        byListener.forEach(
                (listener, filters) -> parts.add(listener + " (ahead of " + String.join(", ", filters) + ")"));
        return String.join(", ", parts);
    }

    /** Puts every original filter back where its guarded proxy still is. */
    private synchronized void restore() {
        for (var replacement : replacements) {
            int slot = replacement.chain().indexOf(replacement.guarded());
            if (slot >= 0) {
                replacement.chain().set(slot, replacement.original());
            }
        }
        replacements.clear();
    }

    /** A proxy of {@code filter} (every interface it has) that judges each request's path before it passes it on. */
    private static Object guarded(Object filter) throws ReflectiveOperationException {
        ClassLoader loader = filter.getClass().getClassLoader();
        var interfaces = new LinkedHashSet<Class<?>>();
        for (Class<?> c = filter.getClass(); c != null; c = c.getSuperclass()) {
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        var requests = new Requests(loader);
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "PathGuard(" + filter + ")";
                };
            }
            if (method.getName().equals("handleRead") && arguments != null && arguments.length == 1) {
                requests.judge(arguments[0]);
            }
            try {
                return method.invoke(filter, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(loader, interfaces.toArray(Class<?>[]::new), handler);
    }

    /** The few Grizzly calls a judgement needs, resolved once. */
    private static final class Requests {

        private final MethodHandle message;
        private final MethodHandle header;
        private final Class<?> contentType;
        private final Class<?> requestType;
        private final MethodHandle uri;
        private final MethodHandle setUri;
        private final MethodHandle setQuery;
        private final AtomicBoolean failed = new AtomicBoolean();

        Requests(ClassLoader loader) throws ReflectiveOperationException {
            var lookup = MethodHandles.publicLookup();
            Class<?> context = Class.forName("org.glassfish.grizzly.filterchain.FilterChainContext", false, loader);
            contentType = Class.forName("org.glassfish.grizzly.http.HttpContent", false, loader);
            Class<?> headerType = Class.forName("org.glassfish.grizzly.http.HttpHeader", false, loader);
            requestType = Class.forName("org.glassfish.grizzly.http.HttpRequestPacket", false, loader);
            message = lookup.findVirtual(context, "getMessage", MethodType.methodType(Object.class));
            header = lookup.findVirtual(contentType, "getHttpHeader", MethodType.methodType(headerType));
            uri = lookup.findVirtual(requestType, "getRequestURI", MethodType.methodType(String.class));
            setUri = lookup.findVirtual(requestType, "setRequestURI", MethodType.methodType(void.class, String.class));
            setQuery =
                    lookup.findVirtual(requestType, "setQueryString", MethodType.methodType(void.class, String.class));
        }

        /** Rewrites a request with a bad path to the answer's; a failure here must never fail the request. */
        void judge(Object context) {
            try {
                Object content = message.invoke(context);
                if (!contentType.isInstance(content)) {
                    return;
                }
                Object request = header.invoke(content);
                if (!requestType.isInstance(request)) {
                    return;
                }
                String path = (String) uri.invoke(request);
                var problem = BadPaths.problem(path);
                if (problem.isPresent()) {
                    setUri.invoke(request, ANSWER_PATH);
                    setQuery.invoke(request, problem.get().code());
                }
            } catch (Throwable e) {
                // the request goes on as the container would take it; said once, not per request
                LOG.log(
                        failed.compareAndSet(false, true) ? Level.WARNING : Level.FINE,
                        "Path guard could not judge a request: " + e);
            }
        }
    }

    /**
     * Calls the public method {@code name} that takes {@code arguments}, found on a public class or interface of the
     * target (never on the class of a dynamic proxy or a non-public class, which another module may not open).
     */
    private static Object invoke(Object target, String name, Object... arguments) throws ReflectiveOperationException {
        var types = new LinkedHashSet<Class<?>>();
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            types.add(c);
        }
        var interfaces = new ArrayList<Class<?>>();
        for (Class<?> c : types) {
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        for (int i = 0; i < interfaces.size(); i++) {
            interfaces.addAll(List.of(interfaces.get(i).getInterfaces()));
        }
        types.addAll(interfaces);
        for (Class<?> type : types) {
            if (!Modifier.isPublic(type.getModifiers()) || Proxy.isProxyClass(type)) {
                continue;
            }
            for (Method method : type.getMethods()) {
                if (method.getName().equals(name)
                        && Modifier.isPublic(method.getDeclaringClass().getModifiers())
                        && accepts(method, arguments)) {
                    try {
                        return method.invoke(target, arguments);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        throw e;
                    }
                }
            }
        }
        throw new NoSuchMethodException(target.getClass().getName() + "." + name);
    }

    private static boolean accepts(Method method, Object[] arguments) {
        Class<?>[] types = method.getParameterTypes();
        if (types.length != arguments.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (arguments[i] != null && !wrap(types[i]).isInstance(arguments[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> wrap(Class<?> type) {
        return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
    }
}
