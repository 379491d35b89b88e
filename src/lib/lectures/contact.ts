/**
 * Where to register by phone when the sign-up service cannot be reached (and with JavaScript off). The number
 * must be confirmed by the district health commission before launch: until then it is marked 示例 / example.
 */
export const REGISTRATION_PHONE = { display: '0566-0000000', tel: '+865660000000', demo: true } as const;
