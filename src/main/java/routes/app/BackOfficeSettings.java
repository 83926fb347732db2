package routes.app;

import routes.platform.ConfigProblem;
import routes.platform.Settings;

/**
 * The back office's page size, read once: the JDBC fetch size and the incremental pulls' page are the same number.
 * Validated on construction.
 */
record BackOfficeSettings(int pageSize) {

    static final String PAGE_SIZE = "synchub.backoffice.page-size";
    static final int DEFAULT_PAGE_SIZE = 1000;
    static final int MAX_PAGE_SIZE = 100_000;

    BackOfficeSettings {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ConfigProblem(PAGE_SIZE, "'" + pageSize + "' is outside 1.." + MAX_PAGE_SIZE, PAGE_SIZE + "=" + DEFAULT_PAGE_SIZE);
        }
    }

    static BackOfficeSettings from(Settings settings) {
        return new BackOfficeSettings(settings.integer(PAGE_SIZE, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE));
    }
}
