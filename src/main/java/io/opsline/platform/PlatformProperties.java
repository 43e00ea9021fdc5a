package io.opsline.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every module may read.
 *
 * @param dataDir where Opsline keeps its files: the embedded database, logs, the initial admin password
 * @param secretKey base64 of 32 random bytes that encrypt stored secrets (check passwords,
 *        SNMP communities); unset, a key is created once in {@code secret.key} in the data
 *        directory. Nodes sharing one database must share this key.
 */
@ConfigurationProperties("opsline")
public record PlatformProperties(@DefaultValue("./data") Path dataDir, String secretKey) {
}
