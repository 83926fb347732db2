package routes.platform;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed, validated access to the {@code synchub.*} settings (application.properties, -D, env vars, --key=value).
 * Every getter that can fail throws a {@link ConfigProblem} naming the key.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String string(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new ConfigProblem(key, "'" + raw.get() + "' is outside " + min + ".." + max, key + "=" + fallback);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigProblem(key, "'" + raw.get() + "' is not a whole number", key + "=" + fallback);
        }
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> raw = optional(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigProblem(key, "'" + raw.get() + "' is not true or false", key + "=" + fallback);
        };
    }

    public Path dataDir() {
        return Path.of(string("synchub.data-dir", "./data")).toAbsolutePath().normalize();
    }

    public ZoneId timezone() {
        Optional<String> raw = optional("synchub.timezone");
        if (raw.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(raw.get());
        } catch (RuntimeException e) {
            throw new ConfigProblem("synchub.timezone", "'" + raw.get() + "' is not a time zone id", "synchub.timezone=Europe/Berlin");
        }
    }

    public boolean sandboxEnabled() {
        // a real storefront URL switches the sandbox storefront off (README, Configuration: synchub.storefront.base-url)
        return bool("synchub.sandbox.enabled", true) && optional("synchub.storefront.base-url").isEmpty();
    }
}
