-- report_fields: which ticket fields the data fills at all, over every
-- loaded ticket: a report leaves out, in one line, the sections that stand
-- on a field no ticket has (a message-board export has no department, no
-- district, no dispatch and no call-back). One row of counts of tickets
-- with the field filled, and the tickets with a stored dispatch suggestion
-- (the nightly job's, once a weekly job has built the model). Parameters:
-- none.
SELECT count(*) AS tickets,
       count(department) AS department,
       count(district) AS district,
       count(street) AS street,
       count(address) AS address,
       count(channel) AS channel,
       count(category) AS category,
       count(dispatched_at) AS dispatched,
       count(*) FILTER (WHERE resolved IS NOT NULL OR satisfaction IS NOT NULL) AS callback,
       count(*) FILTER (WHERE replied_at IS NOT NULL OR deadline_at IS NOT NULL) AS reply,
       count(clue_id) AS clue,
       (SELECT count(*) FROM ticket_suggestions) AS suggested
FROM tickets;
