-- moderation: nodes cache members' writer standing (sanction, guideline acceptance); a change moves this version
insert into moderation_versions values ('writer_standing', 0);
