package routes.app;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import routes.schedule.TaskBoard;

/**
 * Builds SyncHub's beans from the {@code synchub.*} settings and binds them by the names routes use, one feature
 * class after the other, each given what it needs. A bean a test has bound already (e.g. {@code clock}) is kept.
 * Camel Main instantiates it by class name ({@code routes.SyncHub}).
 */
public class HubBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        HubFoundation hub = HubFoundation.open(context);
        ChangeLogBeans changes = ChangeLogBeans.bind(hub);

        boolean sandbox = hub.settings().sandboxEnabled();
        boolean simulate = hub.settings().bool("synchub.sandbox.simulate", true);
        BackOfficeSettings backOfficeSettings = BackOfficeSettings.from(hub.settings());
        BackOfficeBeans backOffice = BackOfficeBeans.bind(hub, backOfficeSettings, simulate);
        StorefrontBeans storefront = StorefrontBeans.bind(hub, sandbox, simulate);

        PushSettings push = PushSettings.from(hub.settings());
        SyncTaskBeans.Pushes pushes = SyncTaskBeans.bind(hub, changes, backOffice.backOffice(), storefront.storefront(),
                backOfficeSettings, push);
        TaskBeans tasks = TaskBeans.bind(hub);
        SyncTaskBeans.bindEvents(hub, changes, tasks.trigger());
        HookBeans.bind(hub, storefront, changes, tasks, sandbox);
        TaskBoard board = OpsBeans.bindApi(hub, tasks, changes, storefront.storefront());
        ChangePipelineBeans pipeline = ChangePipelineBeans.bind(hub, changes, storefront.storefront(), push, pushes.stock(), tasks);
        DriftBeans.bind(hub, changes, storefront.storefront(), push, tasks);
        OpsBeans.bindMonitoring(hub, tasks, board, changes, pushes, pipeline, storefront.rateBudget(), backOffice);
    }
}
