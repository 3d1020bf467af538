import { sqliteFactory } from '../support/stores.js';
import { scanContract } from './scan-contract.js';
import { stixContract } from './stix-contract.js';
import { storeContract } from './store-contract.js';

storeContract(sqliteFactory());
scanContract(sqliteFactory());
stixContract(sqliteFactory());
