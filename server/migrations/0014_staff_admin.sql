-- Staff administration (module org, access): a password an administrator sets, for a new account or after a
-- reset, is temporary. Until it is changed the account may only sign in, read who it is and choose its own
-- password, and after `temporary_password_until` it no longer signs in at all. NULL: the person chose their
-- password themselves.
ALTER TABLE staff ADD COLUMN temporary_password_until timestamptz;
