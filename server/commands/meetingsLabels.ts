import type { Locale } from "@shared/locales";
import type { DecisionKind, Presence } from "@shared/meetings";
import type { Sector } from "@shared/roles";

/** The words of the minutes downloads (Markdown and DOCX), per language. */
export interface MinutesLabels {
  minutes: string;
  when: string;
  place: string;
  agenda: string;
  item: string;
  lead: string;
  planned: string;
  actual: string;
  total: string;
  gap: (minutes: number) => string;
  notes: string;
  uncategorised: string;
  decisions: string;
  kinds: Record<DecisionKind, string>;
  who: string;
  due: string;
  attendance: string;
  presence: Record<Presence, string>;
  sectors: Record<Sector, string>;
  votes: string;
  ballots: (ballots: number, eligible: number) => string;
}

export const MINUTES_LABELS: Record<Locale, MinutesLabels> = {
  en: {
    minutes: "Minutes",
    when: "When",
    place: "Place",
    agenda: "Agenda: planned and actual minutes",
    item: "Item",
    lead: "Lead",
    planned: "Planned",
    actual: "Actual",
    total: "Total",
    gap: (m) => `The items add up to ${m} minutes more than the planned length.`,
    notes: "Notes",
    uncategorised: "Not in a category",
    decisions: "Decisions and next steps",
    kinds: { decision: "Decision", next_step: "Next step" },
    who: "Who",
    due: "By",
    attendance: "Attendance by sector",
    presence: { room: "in the room", remote: "remote" },
    sectors: {
      government: "Government",
      civil_society: "Civil society",
      academia: "Academia",
      private_sector: "Private sector",
      citizen: "Citizens",
    },
    votes: "Votes",
    ballots: (b, e) => `${b} ${b === 1 ? "ballot" : "ballots"} cast of ${e} eligible`,
  },
  es: {
    minutes: "Acta",
    when: "Cuándo",
    place: "Lugar",
    agenda: "Agenda: minutos previstos y reales",
    item: "Punto",
    lead: "Responsable",
    planned: "Previsto",
    actual: "Real",
    total: "Total",
    gap: (m) => `Los puntos suman ${m} minutos más que la duración prevista.`,
    notes: "Notas",
    uncategorised: "Sin categoría",
    decisions: "Decisiones y próximos pasos",
    kinds: { decision: "Decisión", next_step: "Próximo paso" },
    who: "Quién",
    due: "Para",
    attendance: "Asistencia por sector",
    presence: { room: "en la sala", remote: "a distancia" },
    sectors: {
      government: "Gobierno",
      civil_society: "Sociedad civil",
      academia: "Academia",
      private_sector: "Sector privado",
      citizen: "Ciudadanía",
    },
    votes: "Votaciones",
    ballots: (b, e) => `${b} ${b === 1 ? "voto emitido" : "votos emitidos"} de ${e} posibles`,
  },
  fr: {
    minutes: "Compte rendu",
    when: "Quand",
    place: "Lieu",
    agenda: "Ordre du jour : minutes prévues et réelles",
    item: "Point",
    lead: "Responsable",
    planned: "Prévu",
    actual: "Réel",
    total: "Total",
    gap: (m) => `Les points totalisent ${m} minutes de plus que la durée prévue.`,
    notes: "Notes",
    uncategorised: "Sans catégorie",
    decisions: "Décisions et prochaines étapes",
    kinds: { decision: "Décision", next_step: "Prochaine étape" },
    who: "Qui",
    due: "Pour le",
    attendance: "Présence par secteur",
    presence: { room: "dans la salle", remote: "à distance" },
    sectors: {
      government: "Gouvernement",
      civil_society: "Société civile",
      academia: "Milieu universitaire",
      private_sector: "Secteur privé",
      citizen: "Citoyens",
    },
    votes: "Votes",
    ballots: (b, e) => `${b} ${b < 2 ? "bulletin exprimé" : "bulletins exprimés"} sur ${e} possibles`,
  },
};
