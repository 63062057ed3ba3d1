import type { Role, Sector } from "@shared/roles";

/** Shared by every demo account; printed on screen. Demo data only, never a real deployment. */
export const DEMO_PASSWORD = "esperanza-demo-2025";

export const DEMO_WORKSPACE = "Villa Esperanza Abierta";

export interface DemoPerson {
  name: string;
  email: string;
  role: Role;
  sector: Sector;
  organization: string;
}

export const FACILITATOR: DemoPerson = {
  name: "Lucía Fernández",
  email: "lucia@villa-esperanza.example",
  role: "facilitator",
  sector: "government",
  organization: "Municipality of Villa Esperanza – Open Government Office",
};

export const CARMEN: DemoPerson = {
  name: "Carmen Díaz",
  email: "carmen@villa-esperanza.example",
  role: "drafter",
  sector: "government",
  organization: "Public Works Department",
};

export const MATEO: DemoPerson = {
  name: "Mateo Rojas",
  email: "mateo@red-ciudadana.example",
  role: "drafter",
  sector: "civil_society",
  organization: "Red Ciudadana Villa Esperanza",
};

export const SOFIA: DemoPerson = {
  name: "Sofía Méndez",
  email: "sofia@universidad-del-sur.example",
  role: "commenter",
  sector: "academia",
  organization: "Universidad del Sur – Public Policy Lab",
};

export const DIEGO: DemoPerson = {
  name: "Diego Navarro",
  email: "diego@camara-comercio.example",
  role: "commenter",
  sector: "private_sector",
  organization: "Villa Esperanza Chamber of Commerce",
};

export const ROSA: DemoPerson = {
  name: "Rosa Quispe",
  email: "rosa@vecinos.example",
  role: "viewer",
  sector: "citizen",
  organization: "Barrio Norte neighbours' association",
};

export const MEMBERS: DemoPerson[] = [CARMEN, MATEO, SOFIA, DIEGO, ROSA];
