package io.github.fakesmtp.benchmarks.suite;

/** The ways a test class can get its SMTP server that the suite scenario compares. */
enum SuiteVariant {
    /** {@code @FakeSmtp}: a fresh server per test, the extension's defaults. */
    EXTENSION("fake-extension", "(1) @FakeSmtp, server per test", ExtensionPerTestSuite.class),
    /** {@code FakeSmtpServer} started and closed in {@code @BeforeEach}/{@code @AfterEach}. */
    MANUAL("fake-manual", "(2) FakeSmtpServer in @BeforeEach/@AfterEach", ManualPerTestSuite.class),
    /** One {@code FakeSmtpServer} for the class: the floor. */
    SHARED("fake-shared", "(3) one FakeSmtpServer per class (floor)", SharedServerSuite.class),
    /** GreenMail's {@code GreenMailExtension}, per method. */
    GREENMAIL("greenmail", "(4) GreenMailExtension, per method", GreenMailPerTestSuite.class),
    /** Wiser started and stopped per test. */
    WISER("wiser", "(5) Wiser in @BeforeEach/@AfterEach", WiserPerTestSuite.class);

    private final String id;
    private final String label;
    private final Class<?> testClass;

    SuiteVariant(String id, String label, Class<?> testClass) {
        this.id = id;
        this.label = label;
        this.testClass = testClass;
    }

    String id() {
        return id;
    }

    String label() {
        return label;
    }

    Class<?> testClass() {
        return testClass;
    }
}
