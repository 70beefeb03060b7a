package io.github.fakesmtp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the router itself. The rule: every route is either part of the API (under
 * {@code /api/}, or {@code /healthz}) and described, with its path parameters, or a file of the web inbox
 * ({@code GET /} and {@code GET /inbox/<file>}), which the document leaves out; nothing is described that the
 * server does not answer.
 */
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode document = Json.parseResource(ServerRoutes.openApiDocument());
    private final Router router = HttpApi.routes(new Capacity(1));

    /** A path item, with a {@code $ref} to a shared one resolved (its own fields win). */
    private JsonNode pathItem(String template) {
        JsonNode item = document.get("paths").get(template);
        assertThat(item).as("the document describes the path %s", template).isNotNull();
        return item.has("$ref") ? resolve(item.get("$ref").asText()) : item;
    }

    private JsonNode resolve(String ref) {
        assertThat(ref).startsWith("#/");
        JsonNode node = document.at(ref.substring(1));
        assertThat(node.isMissingNode()).as("%s resolves", ref).isFalse();
        return node;
    }

    /** The path parameters declared for an operation: on the path item, its $ref target and the operation. */
    private Set<String> declaredPathParameters(String template, JsonNode operation) {
        Set<String> names = new TreeSet<>();
        List<JsonNode> lists = new ArrayList<>();
        JsonNode item = document.get("paths").get(template);
        lists.add(item.get("parameters"));
        lists.add(pathItem(template).get("parameters"));
        lists.add(operation.get("parameters"));
        for (JsonNode list : lists) {
            if (list == null) {
                continue;
            }
            for (JsonNode parameter : list) {
                JsonNode resolved = parameter.has("$ref") ? resolve(parameter.get("$ref").asText()) : parameter;
                if ("path".equals(resolved.get("in").asText())) {
                    names.add(resolved.get("name").asText());
                }
            }
        }
        return names;
    }

    private static Set<String> templateParameters(String template) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    @Test
    void isAnOpenApi31Document() {
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(document.get("info").get("title").asText()).isNotBlank();
        assertThat(document.get("info").get("version").asText()).isNotBlank();
    }

    @Test
    void everyApiRouteIsDescribedWithItsPathParametersAndResponses() {
        assertThat(router.routes()).filteredOn(route -> Router.isApi(route.template())).hasSizeGreaterThan(20);
        for (Router.Route route : router.routes()) {
            if (!Router.isApi(route.template())) {
                continue;
            }
            JsonNode operation = pathItem(route.template()).get(route.method().toLowerCase(Locale.ROOT));
            assertThat(operation).as("the document describes %s %s", route.method(), route.template()).isNotNull();
            assertThat(operation.get("summary").asText()).as("summary of %s %s", route.method(), route.template()).isNotBlank();
            assertThat(operation.get("responses").size()).as("responses of %s %s", route.method(), route.template()).isPositive();
            assertThat(declaredPathParameters(route.template(), operation))
                    .as("path parameters of %s %s", route.method(), route.template())
                    .isEqualTo(templateParameters(route.template()));
        }
    }

    @Test
    void everyOtherRouteIsAFileOfTheInbox() {
        Set<String> inbox = new TreeSet<>();
        inbox.add("/");
        InboxRoutes.FILES.forEach(name -> inbox.add(InboxRoutes.FILES_PATH + name));
        List<String> others = router.routes().stream().filter(route -> !Router.isApi(route.template()))
                .map(route -> route.method() + " " + route.template()).toList();
        assertThat(others).containsExactlyInAnyOrderElementsOf(inbox.stream().map(path -> "GET " + path).toList());
        assertThat(inbox).noneMatch(path -> path.startsWith("/api/"));
    }

    @Test
    void describesNothingTheServerDoesNotAnswer() {
        Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").properties().iterator();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            assertThat(Router.isApi(path.getKey())).as("%s is an API path", path.getKey()).isTrue();
            Iterator<String> fields = pathItem(path.getKey()).fieldNames();
            while (fields.hasNext()) {
                String method = fields.next();
                if (!METHODS.contains(method)) {
                    continue;
                }
                boolean routed = router.routes().stream().anyMatch(route -> route.template().equals(path.getKey())
                        && (route.method().equalsIgnoreCase(method)
                        || method.equals("head") && route.method().equals("GET") && path.getKey().equals("/healthz")));
                assertThat(routed).as("a route for the described %s %s", method, path.getKey()).isTrue();
            }
        }
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        refs.forEach(this::resolve);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    @Test
    void isServedAsIs() {
        try (TestServer server = TestServer.start()) {
            Api.Response response = server.api.get("/api/v1/openapi.json");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.body()).isEqualTo(ServerRoutes.openApiDocument());
        }
    }
}
