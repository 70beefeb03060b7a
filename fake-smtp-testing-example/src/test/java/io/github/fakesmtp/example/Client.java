package io.github.fakesmtp.example;

/** The mail client libraries the application can send with; tests run once per client. */
enum Client {
    /** Jakarta Mail / Angus Mail directly. */
    ANGUS_MAIL {
        @Override
        MailSender sender(MailSettings settings) {
            return new AngusMailSender(settings);
        }
    },
    /** Spring Framework's {@code JavaMailSenderImpl} and {@code MimeMessageHelper}. */
    SPRING {
        @Override
        MailSender sender(MailSettings settings) {
            return new SpringMailSender(SpringMailSender.javaMailSender(settings));
        }
    },
    /** Simple Java Mail. */
    SIMPLE_JAVA_MAIL {
        @Override
        MailSender sender(MailSettings settings) {
            return new SimpleJavaMailSender(settings);
        }
    };

    abstract MailSender sender(MailSettings settings);
}
