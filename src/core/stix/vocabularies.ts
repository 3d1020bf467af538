/**
 * STIX 2.1 open vocabularies and enumerations (section 10). An open vocabulary value SHOULD come from its
 * list (so a value outside it is a warning); an enumeration value MUST (an error).
 */

/** The suggested values of each open vocabulary, by its spec name. */
// prettier-ignore
export const OPEN_VOCABULARIES = {
  'account-type-ov': ['facebook', 'ldap', 'nis', 'openid', 'radius', 'skype', 'tacacs', 'twitter', 'unix',
    'windows-local', 'windows-domain'],
  'attack-motivation-ov': ['accidental', 'coercion', 'dominance', 'ideology', 'notoriety', 'organizational-gain',
    'personal-gain', 'personal-satisfaction', 'revenge', 'unpredictable'],
  'attack-resource-level-ov': ['individual', 'club', 'contest', 'team', 'organization', 'government'],
  'grouping-context-ov': ['suspicious-activity', 'malware-analysis', 'unspecified'],
  'hash-algorithm-ov': ['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'SHA3-256', 'SHA3-512', 'SSDEEP', 'TLSH'],
  'identity-class-ov': ['individual', 'group', 'system', 'organization', 'class', 'unknown'],
  'implementation-language-ov': ['applescript', 'bash', 'c', 'c++', 'c#', 'go', 'java', 'javascript', 'lua',
    'objective-c', 'perl', 'php', 'powershell', 'python', 'ruby', 'scala', 'swift', 'typescript',
    'visual-basic', 'x86-32', 'x86-64'],
  'indicator-type-ov': ['anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity',
    'attribution', 'unknown'],
  'industry-sector-ov': ['agriculture', 'aerospace', 'automotive', 'chemical', 'commercial', 'communications',
    'construction', 'defense', 'education', 'energy', 'engineering', 'entertainment', 'financial-services',
    'government', 'emergency-services', 'government-local', 'government-national',
    'government-public-services', 'government-regional', 'healthcare', 'hospitality-leisure',
    'infrastructure', 'dams', 'nuclear', 'water', 'insurance', 'manufacturing', 'mining', 'non-profit',
    'pharmaceuticals', 'retail', 'technology', 'telecommunications', 'transportation', 'utilities'],
  'infrastructure-type-ov': ['amplification', 'anonymization', 'botnet', 'command-and-control', 'exfiltration',
    'hosting-malware', 'hosting-target-lists', 'phishing', 'reconnaissance', 'staging', 'unknown'],
  'malware-capabilities-ov': ['accesses-remote-machines', 'anti-debugging', 'anti-disassembly', 'anti-emulation',
    'anti-memory-forensics', 'anti-sandbox', 'anti-vm', 'captures-input-peripherals',
    'captures-output-peripherals', 'captures-system-state-data', 'cleans-traces-of-infection',
    'commits-fraud', 'communicates-with-c2', 'compromises-data-availability', 'compromises-data-integrity',
    'compromises-system-availability', 'controls-local-machine', 'degrades-security-software',
    'degrades-system-updates', 'determines-c2-server', 'emails-spam', 'escalates-privileges', 'evades-av',
    'exfiltrates-data', 'fingerprints-host', 'hides-artifacts', 'hides-executing-code', 'infects-files',
    'infects-remote-machines', 'installs-other-components', 'persists-after-system-reboot',
    'prevents-artifact-access', 'prevents-artifact-deletion', 'probes-network-environment', 'self-modifies',
    'steals-authentication-credentials', 'violates-system-operational-integrity'],
  'malware-result-ov': ['malicious', 'suspicious', 'benign', 'unknown'],
  'malware-type-ov': ['adware', 'backdoor', 'bot', 'bootkit', 'ddos', 'downloader', 'dropper', 'exploit-kit',
    'keylogger', 'ransomware', 'remote-access-trojan', 'resource-exploitation', 'rogue-security-software',
    'rootkit', 'screen-capture', 'spyware', 'trojan', 'unknown', 'virus', 'webshell', 'wiper', 'worm'],
  'pattern-type-ov': ['stix', 'pcre', 'sigma', 'snort', 'suricata', 'yara'],
  'processor-architecture-ov': ['alpha', 'arm', 'ia-64', 'mips', 'powerpc', 'sparc', 'x86', 'x86-64'],
  'region-ov': ['africa', 'eastern-africa', 'middle-africa', 'northern-africa', 'southern-africa',
    'western-africa', 'americas', 'latin-america-caribbean', 'south-america', 'caribbean', 'central-america',
    'northern-america', 'asia', 'central-asia', 'eastern-asia', 'southern-asia', 'south-eastern-asia',
    'western-asia', 'europe', 'eastern-europe', 'northern-europe', 'southern-europe', 'western-europe',
    'oceania', 'australia-new-zealand', 'melanesia', 'micronesia', 'polynesia', 'antarctica'],
  'report-type-ov': ['attack-pattern', 'campaign', 'identity', 'indicator', 'intrusion-set', 'malware',
    'observed-data', 'threat-actor', 'threat-report', 'tool', 'vulnerability'],
  'threat-actor-type-ov': ['activist', 'competitor', 'crime-syndicate', 'criminal', 'hacker',
    'insider-accidental', 'insider-disgruntled', 'nation-state', 'sensationalist', 'spy', 'terrorist',
    'unknown'],
  'threat-actor-role-ov': ['agent', 'director', 'independent', 'infrastructure-architect',
    'infrastructure-operator', 'malware-author', 'sponsor'],
  'threat-actor-sophistication-ov': ['none', 'minimal', 'intermediate', 'advanced', 'expert', 'innovator',
    'strategic'],
  'tool-type-ov': ['denial-of-service', 'exploitation', 'information-gathering', 'network-capture',
    'credential-exploitation', 'remote-access', 'vulnerability-scanning', 'unknown'],
  'windows-pebinary-type-ov': ['dll', 'exe', 'sys'],
} as const satisfies Record<string, readonly string[]>;

/** The allowed values of each enumeration, by its spec name. */
// prettier-ignore
export const ENUMERATIONS = {
  'encryption-algorithm-enum': ['AES-256-GCM', 'ChaCha20-Poly1305', 'mime-type-indicated'],
  'extension-type-enum': ['new-sdo', 'new-sco', 'new-sro', 'property-extension', 'toplevel-property-extension'],
  'opinion-enum': ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'],
  'windows-integrity-level-enum': ['low', 'medium', 'high', 'system'],
  'windows-registry-datatype-enum': ['REG_NONE', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_BINARY', 'REG_DWORD',
    'REG_DWORD_BIG_ENDIAN', 'REG_DWORD_LITTLE_ENDIAN', 'REG_LINK', 'REG_MULTI_SZ', 'REG_RESOURCE_LIST',
    'REG_FULL_RESOURCE_DESCRIPTION', 'REG_RESOURCE_REQUIREMENTS_LIST', 'REG_QWORD', 'REG_INVALID_TYPE'],
  'windows-service-start-type-enum': ['SERVICE_AUTO_START', 'SERVICE_BOOT_START', 'SERVICE_DEMAND_START',
    'SERVICE_DISABLED', 'SERVICE_SYSTEM_ALERT'],
  'windows-service-type-enum': ['SERVICE_KERNEL_DRIVER', 'SERVICE_FILE_SYSTEM_DRIVER',
    'SERVICE_WIN32_OWN_PROCESS', 'SERVICE_WIN32_SHARE_PROCESS'],
  'windows-service-status-enum': ['SERVICE_CONTINUE_PENDING', 'SERVICE_PAUSE_PENDING', 'SERVICE_PAUSED',
    'SERVICE_RUNNING', 'SERVICE_START_PENDING', 'SERVICE_STOP_PENDING', 'SERVICE_STOPPED'],
} as const satisfies Record<string, readonly string[]>;

/** The name of an open vocabulary. */
export type OpenVocabulary = keyof typeof OPEN_VOCABULARIES;

/** The name of an enumeration. */
export type Enumeration = keyof typeof ENUMERATIONS;

/**
 * The relationship types the spec defines between some source and target (section 3.7 and Appendix B).
 * Others are allowed ("user-defined names"), but SHOULD be avoided when one of these fits.
 */
// prettier-ignore
export const SPEC_RELATIONSHIP_TYPES: ReadonlySet<string> = new Set([
  'attributed-to', 'authored-by', 'av-analysis-of', 'based-on', 'beacons-to', 'belongs-to',
  'characterizes', 'communicates-with', 'compromises', 'consists-of', 'controls', 'delivers', 'derived-from',
  'downloads', 'drops', 'duplicate-of', 'dynamic-analysis-of', 'exfiltrates-to', 'exploits', 'has', 'hosts',
  'impersonates', 'indicates', 'investigates', 'located-at', 'mitigates', 'originates-from', 'owns',
  'related-to', 'remediates', 'resolves-to', 'static-analysis-of', 'targets', 'uses', 'variant-of',
]);

/** Whether `value` is in the open vocabulary `vocab`. */
export function inOpenVocabulary(vocab: OpenVocabulary, value: string): boolean {
  return (OPEN_VOCABULARIES[vocab] as readonly string[]).includes(value);
}

/** Whether `value` is allowed by the enumeration `enumeration`. */
export function inEnumeration(enumeration: Enumeration, value: string): boolean {
  return (ENUMERATIONS[enumeration] as readonly string[]).includes(value);
}
