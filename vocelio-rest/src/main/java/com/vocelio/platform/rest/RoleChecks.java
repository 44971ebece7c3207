package com.vocelio.platform.rest;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.util.Set;

/**
 * {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on resources, the method's annotation over the
 * class's, checked against the caller's token groups: no token where a role is needed is 401, a role that may not is
 * 403 ({@link TokenSecurityContext} made the request's security context the token's). Decided once per resource method
 * when the application starts; per request it is a set lookup.
 */
@Provider
public class RoleChecks implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        var method = resource.getResourceMethod();
        AnnotatedElement decides = decides(method) ? method : resource.getResourceClass();
        if (decides.isAnnotationPresent(DenyAll.class)) {
            context.register(new Check(Set.of()));
        } else if (decides.isAnnotationPresent(RolesAllowed.class) && !decides.isAnnotationPresent(PermitAll.class)) {
            context.register(
                    new Check(Set.of(decides.getAnnotation(RolesAllowed.class).value())));
        }
    }

    private static boolean decides(AnnotatedElement element) {
        return element.isAnnotationPresent(RolesAllowed.class)
                || element.isAnnotationPresent(PermitAll.class)
                || element.isAnnotationPresent(DenyAll.class);
    }

    @Priority(Priorities.AUTHORIZATION)
    record Check(Set<String> roles) implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            var caller = request.getSecurityContext();
            if (caller.getUserPrincipal() == null) {
                request.abortWith(
                        ErrorBody.response(401, "unauthenticated", "Sign in: this needs a valid access token"));
            } else if (roles.stream().noneMatch(caller::isUserInRole)) {
                request.abortWith(ErrorBody.response(
                        403,
                        "forbidden",
                        "Your role may not do this: " + request.getMethod() + " /"
                                + request.getUriInfo().getPath()));
            }
        }
    }
}
