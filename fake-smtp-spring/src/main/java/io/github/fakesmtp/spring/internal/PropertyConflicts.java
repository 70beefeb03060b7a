package io.github.fakesmtp.spring.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Refuses a test that sets one of the server's properties itself, once the context has refreshed and every
 * test property is known. The application's own configuration ({@code application.properties}, profiles,
 * system properties) is overridden on purpose: that is where production hosts and TLS switches live. What
 * the test class declares, though, is an explicit wish that the server's value would silently overrule:
 * {@code @TestPropertySource} properties and files, {@code @SpringBootTest(properties)},
 * {@code @DynamicPropertySource} methods and {@code DynamicPropertyRegistrar} beans.
 */
final class PropertyConflicts implements ApplicationListener<ContextRefreshedEvent> {

    /** The property source Spring's dynamic test properties live in (not public in Spring). */
    private static final String DYNAMIC_PROPERTIES = "Dynamic Test Properties";

    private final ConfigurableApplicationContext context;
    private final MergedContextConfiguration mergedConfig;
    private final MailProperties properties;
    private final Class<?> testClass;

    PropertyConflicts(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig,
            MailProperties properties, Class<?> testClass) {
        this.context = context;
        this.mergedConfig = mergedConfig;
        this.properties = properties;
        this.testClass = testClass;
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() != context) {
            return; // a child context's refresh
        }
        List<String> conflicts = new ArrayList<>();
        check(TestPropertySourceUtils.convertInlinedPropertiesToMap(mergedConfig.getPropertySourceProperties()),
                "@TestPropertySource(properties) or @SpringBootTest(properties)", conflicts);
        StandardEnvironment files = new StandardEnvironment();
        TestPropertySourceUtils.addPropertySourcesToEnvironment(files, context, mergedConfig.getPropertySourceDescriptors());
        for (PropertySource<?> source : files.getPropertySources()) {
            if (!source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                    && !source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                check(valuesOf(source), "the @TestPropertySource file " + source.getName(), conflicts);
            }
        }
        PropertySource<?> dynamic = context.getEnvironment().getPropertySources().get(DYNAMIC_PROPERTIES);
        if (dynamic != null) {
            check(valuesOf(dynamic), "a @DynamicPropertySource method or a DynamicPropertyRegistrar bean", conflicts);
        }
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("@AutoConfigureFakeSmtp on " + testClass.getName() + " sets the mail "
                    + "properties to the fake SMTP server's values, but the test sets some of them itself:\n  "
                    + String.join("\n  ", conflicts) + "\nRemove these properties from the test: the annotation "
                    + "sets them for you. To hand the server to properties of your own, use ${fake-smtp.host}, "
                    + "${fake-smtp.port}, ${fake-smtp.username} and ${fake-smtp.password}.");
        }
    }

    private void check(Map<String, Object> declared, String where, List<String> conflicts) {
        properties.fixed().forEach((key, ours) -> {
            if (declared.containsKey(key)) {
                String theirs = String.valueOf(declared.get(key));
                if (!theirs.equals(ours)) {
                    conflicts.add(key + " = " + theirs + " (in " + where + "); the server's value is " + ours);
                }
            }
        });
    }

    private Map<String, Object> valuesOf(PropertySource<?> source) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (source instanceof EnumerablePropertySource<?> enumerable) {
            for (String key : properties.fixed().keySet()) {
                if (enumerable.containsProperty(key)) {
                    values.put(key, enumerable.getProperty(key));
                }
            }
        }
        return values;
    }
}
