package io.github.fakesmtp.spring.internal;

import io.github.fakesmtp.FakeSmtpServer;
import java.util.LinkedHashMap;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts the context's server before the context refreshes, registers it as a bean, and puts its properties
 * into the context's {@code Environment}. Equal settings make equal customizers, and customizers are part of
 * Spring's context cache key: classes configured alike share one context and one server.
 */
final class FakeSmtpContextCustomizer implements ContextCustomizer {

    /** The property source with the server's keys, first in the environment. */
    static final String PROPERTY_SOURCE_NAME = "fake-smtp";
    /** The property source with the fallback timeouts, last in the environment. */
    static final String DEFAULTS_PROPERTY_SOURCE_NAME = "fake-smtp client timeouts";

    private final ServerSettings settings;
    /** The first class that asked for this configuration; not part of equality, used in messages only. */
    private final Class<?> testClass;

    FakeSmtpContextCustomizer(ServerSettings settings, Class<?> testClass) {
        this.settings = settings;
        this.testClass = testClass;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        if (inParentContext(context.getParent())) {
            return; // a context hierarchy shares the server of its topmost context that asked for one
        }
        FakeSmtpServer server = settings.start(testClass);
        ContextServer holder = new ContextServer(server, testClass);
        try {
            register(context, holder);
            MailProperties properties = settings.mailProperties(server);
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            sources.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, new LinkedHashMap<>(properties.fixed())));
            // last of all, so that every timeout the application sets wins: added once the configuration classes
            // (and their @PropertySource files, which Spring adds last) are parsed, before any bean is created
            MapPropertySource defaults = new MapPropertySource(DEFAULTS_PROPERTY_SOURCE_NAME,
                    new LinkedHashMap<>(properties.defaults()));
            context.addBeanFactoryPostProcessor(beanFactory -> sources.addLast(defaults));
            context.addApplicationListener(new PropertyConflicts(context, mergedConfig, properties, testClass));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static boolean inParentContext(ApplicationContext parent) {
        return parent != null && parent.containsBean(ContextServer.BEAN_NAME);
    }

    /**
     * Registers the server and its holder as singletons. The holder is registered as disposable before any of
     * the application's beans exist, so the context destroys it last: beans that send mail while they shut
     * down still reach the server.
     */
    private static void register(ConfigurableApplicationContext context, ContextServer holder) {
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(ContextServer.SERVER_BEAN_NAME, holder.server());
        beanFactory.registerSingleton(ContextServer.BEAN_NAME, holder);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(ContextServer.BEAN_NAME, holder);
        } else {
            context.addApplicationListener((ApplicationListener<ApplicationEvent>) event -> {
                if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                    holder.destroy();
                }
            });
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FakeSmtpContextCustomizer that && settings.equals(that.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "FakeSmtpContextCustomizer(" + settings + ")";
    }
}
