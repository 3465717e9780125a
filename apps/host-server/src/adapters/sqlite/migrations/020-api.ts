/**
 * Indexes the Contest API needs: the next submission number per contest (`MAX(seq)`) without
 * scanning every submission of the contest, and replies to a clarification (finalize counts
 * unanswered questions).
 */
export const sql = `
CREATE INDEX submissions_seq ON submissions (contest_id, seq);
CREATE INDEX clarifications_reply ON clarifications (contest_id, reply_to_id);
`;
