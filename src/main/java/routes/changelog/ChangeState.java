package routes.changelog;

import routes.platform.ColumnValue;

/** Where a change-log row is, as {@code change_log.state} spells it. */
public enum ChangeState implements ColumnValue {
    /** Waiting to go (held while its type is paused, or not claimed yet). */
    PENDING,
    /** Claimed by a node's push; taken again once the claim's lease has run out. */
    SENDING,
    SENT,
    /** Folded into a newer row for the same entity, or dropped by a later DELETE. */
    SUPERSEDED,
    /** Settled without sending (e.g. Auto Sync turned off since it was written). */
    SKIPPED,
    /** Out of attempts: parked as a dead letter. */
    DEAD;

    @Override
    public String column() {
        return name();
    }

    public static ChangeState of(String column) {
        return ColumnValue.of(ChangeState.class, "change state", column);
    }
}
