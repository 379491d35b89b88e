/** The XLSForm reader (./read-xlsform.ts), under its first name: it runs in the browser too (the staff upload page). */
export * from './read-xlsform.ts';
