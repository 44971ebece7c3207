package com.vocelio.platform.rest;

import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Finishes each scanned operation ({@code mp.openapi.filter}): every operation but sign-in and health requires the
 * bearer token, and every operation answers errors in the one shape ({@link OpenApiModel#ERROR}). Per operation,
 * because Payara (6.2025.10) calls the per-element hooks of a filter but never {@code filterOpenAPI}, and an operation
 * does not know its path: the public ones are named by their operation id, which Payara takes from the Java method.
 * Examples come from {@link OpenApiExamples}, found by the operation's method and path ({@link OpenApiModel#locate}):
 * operation ids are Java method names, and the same name serves several paths.
 */
public class OpenApiFilter implements OASFilter {

    /**
     * Sign-up, sign-in and health need no access token: by path, since operation ids are bare method names that
     * other resources repeat ({@code AgentsResource.register} needs a token, {@code AuthResource.register} does not).
     */
    static final Pattern PUBLIC = Pattern.compile("/auth/(register|login|login-2fa|refresh|token)|(/\\{api})?/?health");

    private final OpenApiExamples examples = OpenApiExamples.load();

    @Override
    public Operation filterOperation(Operation operation) {
        var at = OpenApiModel.locate(operation);
        if (at.map(path -> !PUBLIC.matcher(path.getValue()).matches()).orElse(true)) {
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(OpenApiModel.BEARER)));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        // Payara writes a bare "Default Response." for each operation: it is the error shape
        operation
                .getResponses()
                .setDefaultValue(OASFactory.createAPIResponse()
                        .description("An error")
                        .content(OASFactory.createContent()
                                .addMediaType(
                                        "application/json",
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref(OpenApiModel.ERROR))
                                                .example(examples.error()))));
        at.flatMap(path -> examples.of(path.getKey().name(), path.getValue()))
                .ifPresent(example -> exemplify(operation, example));
        return operation;
    }

    private static void exemplify(Operation operation, OpenApiExamples.Example example) {
        example.request().ifPresent(body -> {
            if (operation.getRequestBody() == null) {
                operation.setRequestBody(OASFactory.createRequestBody());
            }
            var request = operation.getRequestBody();
            if (request.getContent() == null
                    || request.getContent().getMediaTypes().isEmpty()) {
                request.setContent(
                        OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()));
            }
            request.getContent().getMediaTypes().values().forEach(media -> media.setExample(body));
        });
        example.response().ifPresent(body -> operation
                .getResponses()
                .addAPIResponse(
                        example.status(),
                        OASFactory.createAPIResponse()
                                .description("Success")
                                .content(OASFactory.createContent()
                                        .addMediaType(
                                                "application/json",
                                                OASFactory.createMediaType().example(body)))));
    }
}
