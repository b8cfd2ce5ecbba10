package io.kizuna.mail.internal;

import io.kizuna.identity.MemberErased;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Deletes mail addressed to a member who deleted their account (it is personal data). */
@Component
class ErasedMemberMail {
    private final OutboxMails mails;

    ErasedMemberMail(OutboxMails mails) {
        this.mails = mails;
    }

    @ApplicationModuleListener
    void on(MemberErased event) {
        mails.deleteTo(event.formerEmail());
    }
}
