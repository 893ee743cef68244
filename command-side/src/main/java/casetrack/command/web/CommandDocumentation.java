package casetrack.command.web;

import java.util.Map;

import casetrack.shared.command.CaseCommand;
import casetrack.shared.command.CommandCatalog;
import casetrack.shared.command.OpenCase;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command API reads each command from the raw body (so unknown fields can be refused with a
 * field-level problem); springdoc cannot see the records through that, so every command in
 * {@link CommandCatalog} gets its own documented path with its record's schema.
 */
@Configuration
public class CommandDocumentation {

    static final String EDITOR_TOKEN = "editorToken";

    @Bean
    public OpenApiCustomizer everyCommandDocumented() {
        return api -> {
            api.info(new Info().title("casetrack command API").version("1")
                    .description("Records steps of federal-state accountability cases. Needs an editor's token."));
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSecuritySchemes(EDITOR_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"));
            for (Class<? extends CaseCommand> type : CommandCatalog.ALL) {
                @SuppressWarnings("rawtypes")
                Map<String, Schema> schemas = ModelConverters.getInstance().readAll(type);
                schemas.forEach(api.getComponents()::addSchemas);
                String name = type.getSimpleName();
                boolean open = type == OpenCase.class;
                Operation operation = new Operation()
                        .operationId(open ? "OpenCase" : "record" + name)
                        .tags(java.util.List.of(open ? "cases" : "steps"))
                        .summary(open ? "Open a case" : "Record " + name)
                        .addSecurityItem(new SecurityRequirement().addList(EDITOR_TOKEN))
                        .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + name)))))
                        .responses(new ApiResponses()
                                .addApiResponse(open ? "201" : "200", new ApiResponse().description("recorded: {caseId, version, eventIds}"))
                                .addApiResponse("400", new ApiResponse().description("invalid fields (problem+json with errors[{field, message}])"))
                                .addApiResponse("422", new ApiResponse().description("a consistency rule refused the step (problem+json with rule)")));
                if (open) {
                    // POST /api/cases comes from the controller itself; give it OpenCase's schema
                    PathItem cases = api.getPaths() == null ? null : api.getPaths().get("/api/cases");
                    if (cases != null && cases.getPost() != null) {
                        cases.getPost().requestBody(operation.getRequestBody()).summary(operation.getSummary());
                    }
                    continue;
                }
                operation.addParametersItem(new Parameter().in("path").name("caseId").required(true).schema(new StringSchema()));
                api.path("/api/cases/{caseId}/commands/" + name, new PathItem().post(operation));
            }
        };
    }
}
