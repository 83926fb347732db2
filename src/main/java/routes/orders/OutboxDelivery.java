package routes.orders;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import routes.task.RunCounters;
import routes.task.TaskRunPolicy;

/**
 * Task "orders-export-delivery": whether finished exports go anywhere ({@value #SETTING}; the route's precondition
 * asks {@link #enabled()}), and what a delivered file adds to its run. Only the URI's scheme, user, host, port and
 * path are ever shown: its options may carry a key file or a password.
 */
public class OutboxDelivery {

    public static final String SETTING = "synchub.outbox.delivery-uri";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);

    private final String target;

    private OutboxDelivery(String target) {
        this.target = target;
    }

    /** From the setting (blank = unset), saying in one start-up line where exports go, or that they stay put. */
    public static OutboxDelivery of(Optional<String> uri, Path outbox) {
        if (uri.isEmpty()) {
            LOG.info("Outbox delivery off: {} is not set, so route orders-export-delivery does not start and exports stay in {}",
                    SETTING, outbox);
            return new OutboxDelivery(null);
        }
        String target = describe(uri.get());
        LOG.info("Outbox delivery on: route orders-export-delivery sends {}/orders-*.csv to {}, then moves them to .delivered/",
                outbox, target);
        return new OutboxDelivery(target);
    }

    public boolean enabled() {
        return target != null;
    }

    public void delivered(@Header(Exchange.FILE_NAME_ONLY) String name, @ExchangeProperty(TaskRunPolicy.COUNTERS) RunCounters run) {
        run.read(1);
        run.written(1);
        run.note(name + " delivered to " + target);
    }

    /** {@code scheme://user@host:port/path} of an endpoint URI: no options, no password. */
    static String describe(String uri) {
        String plain = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        int scheme = plain.indexOf("://");
        if (scheme < 0) {
            return plain;
        }
        String rest = plain.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String user = authority.substring(0, at);
            authority = (user.contains(":") ? user.substring(0, user.indexOf(':')) : user) + authority.substring(at);
        }
        return plain.substring(0, scheme + 3) + authority + path;
    }
}
