import type { Locale } from "@shared/locales";
import type { OgpValue, PolicyArea } from "@shared/plan";
import type { Sector } from "@shared/roles";

/** The words exports print around the plan's own text, in each language of the app. */
export interface ExportLabels {
  actionPlan: string;
  version: (n: number) => string;
  officialSince: string;
  period: string;
  hash: string;
  schema: string;
  signatories: string;
  vision: string;
  cocreationSummary: string;
  commitment: (n: number) => string;
  fields: {
    title: string;
    leadAgency: string;
    contactPerson: string;
    dates: string;
    problem: string;
    commitment: string;
    contribution: string;
    ogpValues: string;
    milestones: string;
    milestone: (n: number) => string;
    description: string;
    output: string;
    responsible: string;
    governmentActors: string;
    nonGovernmentActors: string;
    policyArea: string;
    budget: string;
    sdg: string;
  };
  ogpValues: Record<OgpValue, string>;
  policyAreas: Record<PolicyArea, string>;
  sectors: Record<Sector, string>;
  checked: string;
  notChecked: string;
  empty: string;
}

const en: ExportLabels = {
  actionPlan: "Open government action plan",
  version: (n) => `Official version ${n}`,
  officialSince: "Official since",
  period: "Period",
  hash: "SHA-256 of the canonical content",
  schema: "Schema",
  signatories: "Signed by",
  vision: "Local open government vision",
  cocreationSummary: "How this plan was co-created",
  commitment: (n) => `Commitment ${n}`,
  fields: {
    title: "Title",
    leadAgency: "Lead implementing agency",
    contactPerson: "Contact person",
    dates: "Start and end dates",
    problem: "Problem to address",
    commitment: "Commitment",
    contribution: "How it contributes to solving the problem",
    ogpValues: "Relevance to OGP values",
    milestones: "Milestones",
    milestone: (n) => `Milestone ${n}`,
    description: "Description",
    output: "Expected output",
    responsible: "Responsible",
    governmentActors: "Other government actors",
    nonGovernmentActors: "Civil society, private and multilateral partners",
    policyArea: "Policy area",
    budget: "Budget",
    sdg: "Sustainable Development Goal",
  },
  ogpValues: {
    transparency: "Transparency and access to information",
    participation: "Civic participation",
    accountability: "Public accountability",
    technology: "Technology and innovation",
    inclusion: "Inclusion",
  },
  policyAreas: {
    citizen_participation: "Citizen participation",
    digitalisation: "Digitalisation",
    open_contracting: "Open contracting",
    open_budgets: "Open budgets",
    open_data: "Open data",
    service_delivery: "Service delivery",
    climate: "Climate",
    health: "Health and COVID-19 recovery",
  },
  sectors: {
    government: "Government",
    civil_society: "Civil society",
    academia: "Academia",
    private_sector: "Private sector",
    citizen: "Citizen",
  },
  checked: "Checked",
  notChecked: "Not checked",
  empty: "(empty)",
};

const es: ExportLabels = {
  actionPlan: "Plan de acción de gobierno abierto",
  version: (n) => `Versión oficial ${n}`,
  officialSince: "Oficial desde",
  period: "Período",
  hash: "SHA-256 del contenido canónico",
  schema: "Esquema",
  signatories: "Firmado por",
  vision: "Visión local de gobierno abierto",
  cocreationSummary: "Cómo se cocreó este plan",
  commitment: (n) => `Compromiso ${n}`,
  fields: {
    title: "Título",
    leadAgency: "Institución responsable",
    contactPerson: "Persona de contacto",
    dates: "Fechas de inicio y fin",
    problem: "Problema a abordar",
    commitment: "Compromiso",
    contribution: "Cómo contribuye a resolver el problema",
    ogpValues: "Relevancia para los valores de OGP",
    milestones: "Hitos",
    milestone: (n) => `Hito ${n}`,
    description: "Descripción",
    output: "Producto esperado",
    responsible: "Responsable",
    governmentActors: "Otros actores de gobierno",
    nonGovernmentActors: "Sociedad civil, sector privado y organismos multilaterales",
    policyArea: "Área de política",
    budget: "Presupuesto",
    sdg: "Objetivo de Desarrollo Sostenible",
  },
  ogpValues: {
    transparency: "Transparencia y acceso a la información",
    participation: "Participación cívica",
    accountability: "Rendición de cuentas",
    technology: "Tecnología e innovación",
    inclusion: "Inclusión",
  },
  policyAreas: {
    citizen_participation: "Participación ciudadana",
    digitalisation: "Digitalización",
    open_contracting: "Contrataciones abiertas",
    open_budgets: "Presupuestos abiertos",
    open_data: "Datos abiertos",
    service_delivery: "Prestación de servicios",
    climate: "Clima",
    health: "Salud y recuperación de la COVID-19",
  },
  sectors: {
    government: "Gobierno",
    civil_society: "Sociedad civil",
    academia: "Academia",
    private_sector: "Sector privado",
    citizen: "Ciudadanía",
  },
  checked: "Marcado",
  notChecked: "No marcado",
  empty: "(vacío)",
};

const fr: ExportLabels = {
  actionPlan: "Plan d’action de gouvernement ouvert",
  version: (n) => `Version officielle ${n}`,
  officialSince: "Officielle depuis le",
  period: "Période",
  hash: "SHA-256 du contenu canonique",
  schema: "Schéma",
  signatories: "Signé par",
  vision: "Vision locale du gouvernement ouvert",
  cocreationSummary: "Comment ce plan a été co-créé",
  commitment: (n) => `Engagement ${n}`,
  fields: {
    title: "Titre",
    leadAgency: "Institution responsable",
    contactPerson: "Personne de contact",
    dates: "Dates de début et de fin",
    problem: "Problème à résoudre",
    commitment: "Engagement",
    contribution: "Comment il contribue à résoudre le problème",
    ogpValues: "Pertinence pour les valeurs de l’OGP",
    milestones: "Jalons",
    milestone: (n) => `Jalon ${n}`,
    description: "Description",
    output: "Résultat attendu",
    responsible: "Responsable",
    governmentActors: "Autres acteurs gouvernementaux",
    nonGovernmentActors: "Société civile, secteur privé et partenaires multilatéraux",
    policyArea: "Domaine d’action",
    budget: "Budget",
    sdg: "Objectif de développement durable",
  },
  ogpValues: {
    transparency: "Transparence et accès à l’information",
    participation: "Participation citoyenne",
    accountability: "Redevabilité",
    technology: "Technologie et innovation",
    inclusion: "Inclusion",
  },
  policyAreas: {
    citizen_participation: "Participation citoyenne",
    digitalisation: "Numérisation",
    open_contracting: "Commande publique ouverte",
    open_budgets: "Budgets ouverts",
    open_data: "Données ouvertes",
    service_delivery: "Prestation de services",
    climate: "Climat",
    health: "Santé et relance après la COVID-19",
  },
  sectors: {
    government: "Gouvernement",
    civil_society: "Société civile",
    academia: "Monde universitaire",
    private_sector: "Secteur privé",
    citizen: "Citoyen·ne",
  },
  checked: "Coché",
  notChecked: "Non coché",
  empty: "(vide)",
};

export const EXPORT_LABELS: Record<Locale, ExportLabels> = { en, es, fr };
