package io.opsline.platform.web;

import org.springframework.boot.info.BuildProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** What the OpenAPI document at {@code /api/openapi} says about the API as a whole, including how to authenticate. */
@Configuration
class OpenApiConfiguration {

    private static final String BEARER = "apiToken";

    @Bean
    OpenAPI opslineApi(ObjectProvider<BuildProperties> build) {
        var version = build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion();
        return new OpenAPI()
                .info(new Info().title("Opsline API").version(version)
                        .description("""
                                The REST API of Opsline. Send an API token (create one under "API tokens" in the
                                UI) as `Authorization: Bearer <token>`; it acts with its role, never above its
                                user's current role. Errors are RFC 9457 problem details
                                (`application/problem+json`) with a stable `type` URI and, for refused input, an
                                `errors` list naming each field.""")
                        .license(new License().name("Open source")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("An Opsline API token")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
