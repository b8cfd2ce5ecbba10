-- mail: extra headers per mail (List-Unsubscribe for notification mail), one "Name: value" per line
alter table mail_outbox add column headers text not null default '';
