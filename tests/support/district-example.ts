/** The second district's build that `npm test` makes beside dist/ (issue: a second district proves the module). */
export const EXAMPLE_DISTRICT = 'dongzhi';
export const EXAMPLE_DIST = '.tmp/dist-dongzhi';
