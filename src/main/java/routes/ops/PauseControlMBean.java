package routes.ops;

/** JMX view of one entity type's pause switch: {@code synchub:type=pauses,name=<entityType>}. */
public interface PauseControlMBean {

    boolean isPaused();

    /** Changes held while paused (and not yet sent). */
    long getHeldChanges();

    void pause();

    /** Clears the switch and starts the type's push at once. */
    void resume();
}
