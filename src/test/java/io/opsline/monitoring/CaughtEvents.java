package io.opsline.monitoring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;

/**
 * The events of one type published while it is open, on any thread: a listener added to the
 * running application for the length of a test.
 */
public final class CaughtEvents<T> implements AutoCloseable {

    private final ApplicationEventMulticaster multicaster;
    private final Listener listener = new Listener();
    private final Class<T> type;
    private final List<T> caught = new CopyOnWriteArrayList<>();

    private CaughtEvents(ApplicationContext context, Class<T> type) {
        this.multicaster = context.getBean(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME,
                ApplicationEventMulticaster.class);
        this.type = type;
        multicaster.addApplicationListener(listener);
    }

    public static <T> CaughtEvents<T> of(ApplicationContext context, Class<T> type) {
        return new CaughtEvents<>(context, type);
    }

    public List<T> matching(Predicate<T> wanted) {
        return caught.stream().filter(wanted).toList();
    }

    @Override
    public void close() {
        multicaster.removeApplicationListener(listener);
    }

    private final class Listener implements ApplicationListener<ApplicationEvent> {

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof PayloadApplicationEvent<?> payload && type.isInstance(payload.getPayload())) {
                caught.add(type.cast(payload.getPayload()));
            }
        }
    }
}
