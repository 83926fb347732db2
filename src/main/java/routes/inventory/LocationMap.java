package routes.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import routes.platform.ConfigProblem;

/**
 * Hub stock locations (back-office codes) to storefront location ids, from {@code synchub.storefront.locations}
 * ({@code MAIN=1,OUTLET=2}); a numeric code with no entry is used as the id itself.
 */
public final class LocationMap {

    private static final String KEY = "synchub.storefront.locations";
    private final Map<String, Long> ids;

    private LocationMap(Map<String, Long> ids) {
        this.ids = ids;
    }

    public static LocationMap parse(String text) {
        Map<String, Long> ids = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(",")) {
                String[] parts = pair.split("=", 2);
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new ConfigProblem(KEY, "'" + pair.trim() + "' is not CODE=ID", KEY + "=MAIN=1,OUTLET=2");
                }
                try {
                    ids.put(parts[0].trim(), Long.parseLong(parts[1].trim()));
                } catch (NumberFormatException e) {
                    throw new ConfigProblem(KEY, "location id '" + parts[1].trim() + "' for " + parts[0].trim()
                            + " is not a number", KEY + "=MAIN=1,OUTLET=2");
                }
            }
        }
        return new LocationMap(ids);
    }

    /** The configured locations: hub code -> storefront id, in the setting's order. */
    public Map<String, Long> entries() {
        return java.util.Collections.unmodifiableMap(ids);
    }

    /** The hub code of storefront location {@code id}: the configured one, else the id itself. */
    public String code(long id) {
        return ids.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst()
                .orElse(String.valueOf(id));
    }

    /** The configured location codes, in the order of the setting. */
    public Set<String> codes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(ids.keySet()));
    }

    public OptionalLong storefrontId(String location) {
        Long id = ids.get(location);
        if (id != null) {
            return OptionalLong.of(id);
        }
        try {
            return OptionalLong.of(Long.parseLong(location));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
