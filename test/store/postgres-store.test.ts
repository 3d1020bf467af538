import { postgresFactory } from '../support/stores.js';
import { scanContract } from './scan-contract.js';
import { stixContract } from './stix-contract.js';
import { storeContract } from './store-contract.js';

storeContract(await postgresFactory());
scanContract(await postgresFactory());
stixContract(await postgresFactory());
