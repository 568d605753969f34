import { z } from 'zod';

/**
 * Words of the service shared by the contract, the domain rules and every screen. Kept apart from
 * `api.ts` so domain modules can use them without pulling in the whole contract.
 */

/** Pengguna (Kepmenaker 225/2023): who the visitor is. */
export const UserTypeSchema = z.enum(['pencari_kerja', 'pekerja', 'pemberi_kerja', 'masyarakat']);
export type UserType = z.infer<typeof UserTypeSchema>;

/** Where an employer operates; decides the back office's coordinating level. */
export const EmployerScopeSchema = z.enum(['kabupaten_kota', 'provinsi', 'nasional']);
export type EmployerScope = z.infer<typeof EmployerScopeSchema>;

/** Who coordinates a *kondisi tertentu* follow-up. */
export const CoordinatingLevelSchema = z.enum(['dinas_kabupaten_kota', 'dinas_provinsi', 'kementerian']);
export type CoordinatingLevel = z.infer<typeof CoordinatingLevelSchema>;

/** A ticket's life: issued → called → serving → done, or no_show, or cancelled; referred ends a visit too. */
export const TicketStatusSchema = z.enum(['waiting', 'called', 'serving', 'done', 'referred', 'no_show', 'cancelled']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** Staff roles, plus the two station roles that need no person logged in. */
export const StaffRoleSchema = z.enum(['receptionist', 'officer', 'manager', 'technician']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;
export const RoleSchema = z.enum(['kiosk', 'display', 'receptionist', 'officer', 'manager', 'technician']);
export type Role = z.infer<typeof RoleSchema>;

/** What a paired station is for; decides which page it opens and what it may do without a login. */
export const StationKindSchema = z.enum(['kiosk', 'desk', 'reception', 'display', 'admin']);
export type StationKind = z.infer<typeof StationKindSchema>;

/** Open for tickets, between sessions (istirahat), or closed for the day. */
export const ServiceStateNameSchema = z.enum(['open', 'break', 'closed']);
export type ServiceStateName = z.infer<typeof ServiceStateNameSchema>;

/** "HH:MM" in the site's local time; "24:00" ends a session at midnight. */
export const ClockTimeSchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time HH:MM');
export const ServiceSessionSchema = z.object({ start: ClockTimeSchema, end: ClockTimeSchema });
export type ServiceSession = z.infer<typeof ServiceSessionSchema>;

/** Employment status as the visit records it (the SIAPkerja-ID's own categories, shortened). */
export const EmploymentStatusSchema = z.enum(['bekerja', 'wirausaha', 'terkena_phk', 'tidak_bekerja', 'belum_pernah_bekerja', 'pelajar_mahasiswa']);
export type EmploymentStatus = z.infer<typeof EmploymentStatusSchema>;

/** The consent text's version the visitor agreed to; bump it when the text changes. */
export const VISITOR_CONSENT_VERSION = '2026-12-v2';
