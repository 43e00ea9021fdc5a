package io.opsline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: one process that serves the whole of Opsline. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OpslineApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpslineApplication.class, args);
    }
}
